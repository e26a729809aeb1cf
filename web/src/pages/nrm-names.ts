// People and organisations by name on the NRM pages. The competent authority's case workers and
// decision makers read the directory (GET /api/v1/nrm/directory): the authority's staff, the
// guardians and every organisation. Anyone else (a guardian, a first responder) cannot, and
// sees "user no. N" for everybody but themselves and their own organisation.
import { fetchDirectory } from '../endpoints';
import { t } from '../i18n';
import { CASE_WORKER, COMPETENT_AUTHORITY, DECISION_MAKER, currentUser, hasAnyRole } from '../session';
import type { Directory, DirectoryPerson, Organisation } from '../types';

const EMPTY: Directory = { people: [], organisations: [] };

export class Names {
  private readonly people: ReadonlyMap<number, DirectoryPerson>;
  private readonly organisations: ReadonlyMap<number, Organisation>;

  constructor(readonly directory: Directory = EMPTY) {
    this.people = new Map(directory.people.map((person) => [person.user_id, person]));
    this.organisations = new Map(directory.organisations.map((org) => [org.id, org]));
  }

  /**
   * The directory when the user may read it, else no names. Names help but are not needed to
   * work on a case, so a directory that cannot be read leaves the numbers rather than the page
   * empty.
   */
  static async load(): Promise<Names> {
    if (!hasAnyRole([CASE_WORKER, DECISION_MAKER])) return new Names();
    try {
      return new Names(await fetchDirectory());
    } catch {
      return new Names();
    }
  }

  /** "Name (you)", a name, "user no. N of Organisation", or "user no. N"; "Nobody yet" for none. */
  person(id: number | null | undefined, organisationId?: number): string {
    if (id === null || id === undefined) return t('case.nobody');
    const me = currentUser();
    if (id === me?.user.id) return t('case.you', { name: me.user.display_name || me.user.username });
    const name = this.people.get(id)?.display_name;
    if (name) return name;
    if (organisationId !== undefined && this.knowsOrganisation(organisationId)) {
      return t('case.userOfOrganisation', { id, organisation: this.organisation(organisationId) });
    }
    return t('case.user', { id });
  }

  organisation(id: number): string {
    const me = currentUser();
    if (id === me?.organisation.id) return me.organisation.name;
    return this.organisations.get(id)?.name ?? t('case.organisation', { id });
  }

  private knowsOrganisation(id: number): boolean {
    return this.organisations.has(id) || id === currentUser()?.organisation.id;
  }

  /** Enabled people with `role`; for staff roles, only those of the competent authority. */
  withRole(role: string): DirectoryPerson[] {
    const authorityOnly = role === CASE_WORKER || role === DECISION_MAKER;
    return this.directory.people.filter(
      (person) =>
        person.roles.includes(role) &&
        (!authorityOnly || this.organisations.get(person.organisation_id)?.type === COMPETENT_AUTHORITY),
    );
  }

  /** Organisations that may provide a service: all but the competent authority. */
  providers(): Organisation[] {
    return this.directory.organisations.filter((org) => org.type !== COMPETENT_AUTHORITY);
  }
}
