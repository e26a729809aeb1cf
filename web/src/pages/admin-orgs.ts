// Administration: the organisations taking part in the referral mechanism.
import { h, replaceContent } from '../dom';
import { createOrganisation, listOrganisations } from '../endpoints';
import { StatusRegion, actionButton, handleSubmit, inputField, runBusy, selectField, submitButton } from '../forms';
import { t, vocabularyLabel } from '../i18n';
import { loadVocabularies } from '../session';
import type { Organisation } from '../types';
import { PagedRows, adminTabs, card, dataTable, loadingNote, page } from './common';

const PAGE_SIZE = 50;

function drawList(slot: HTMLElement, orgs: PagedRows<Organisation>, status: StatusRegion): void {
  if (orgs.rows.length === 0) {
    replaceContent(slot, h('p', { class: 'muted' }, t('orgs.empty')));
    return;
  }
  const table = dataTable(
    t('orgs.listCaption'),
    [
      { header: t('orgs.name'), cell: (org: Organisation) => org.name },
      { header: t('orgs.type'), cell: (org: Organisation) => vocabularyLabel('orgType', org.type) },
    ],
    orgs.rows,
  );
  const more = orgs.hasMore
    ? actionButton(t('common.loadMore'), () =>
        void runBusy(slot, status, async () => {
          await orgs.loadMore();
          drawList(slot, orgs, status);
        }),
      )
    : null;
  replaceContent(slot, table, more);
}

async function createForm(status: StatusRegion, onCreated: (org: Organisation) => Promise<void>): Promise<HTMLElement> {
  const vocabularies = await loadVocabularies();
  const name = inputField({ label: t('orgs.name'), name: 'name', required: true, maxLength: 200, capitalize: 'words' });
  const type = selectField(
    t('orgs.type'),
    'type',
    vocabularies.organisation_types.map((id) => ({ value: id, label: vocabularyLabel('orgType', id) })),
  );
  const form = h('form', { class: 'form' }, name.row, type.row, submitButton(t('orgs.create')));
  handleSubmit(form, status, async () => {
    const created = await createOrganisation(name.input.value.trim(), type.select.value);
    name.input.value = '';
    await onCreated(created);
    status.success(t('orgs.created', { name: created.name }));
  });
  return form;
}

export function organisationsPage(): HTMLElement {
  const status = new StatusRegion();
  const orgs = new PagedRows<Organisation>((cursor) => listOrganisations(PAGE_SIZE, cursor), (org) => org.id);
  const listSlot = h('div', {}, loadingNote());
  const formSlot = h('div', {}, loadingNote());
  const refresh = async (): Promise<void> => {
    await orgs.reload();
    drawList(listSlot, orgs, status);
  };
  void (async () => {
    try {
      replaceContent(formSlot, await createForm(status, refresh));
      await refresh();
    } catch (error) {
      replaceContent(listSlot);
      replaceContent(formSlot);
      status.error(error);
    }
  })();
  return page(
    t('orgs.title'),
    adminTabs('/admin/orgs'),
    status.element,
    card(t('orgs.listTitle'), listSlot),
    card(t('orgs.createTitle'), formSlot),
  );
}
