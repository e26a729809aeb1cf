// Shapes of the JSON documents exchanged with the Lifeline server.

export interface MeUser {
  id: number;
  username: string;
  display_name: string;
  must_change_password: boolean;
  totp_enabled: boolean;
}

export interface Organisation {
  id: number;
  name: string;
  type: string;
  created_at?: string;
}

export interface Me {
  user: MeUser;
  organisation: Organisation;
  roles: string[];
  csrf_token: string;
}

export interface UserAccount {
  id: number;
  username: string;
  display_name: string;
  organisation_id: number;
  roles: string[];
  disabled: boolean;
  totp_enabled: boolean;
  must_change_password: boolean;
}

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

export interface Vocabularies {
  organisation_types: string[];
  roles: string[];
}

export interface SignInResult {
  csrf_token: string;
  must_change_password: boolean;
}

export interface TotpEnrolment {
  secret: string;
  otpauth_uri: string;
}

export interface RecoveryCodes {
  recovery_codes: string[];
}

export interface NewUser {
  username: string;
  display_name: string;
  organisation_id: number;
  roles: string[];
  password: string;
}

export interface UserChanges {
  roles?: string[];
  disabled?: boolean;
  display_name?: string;
}
