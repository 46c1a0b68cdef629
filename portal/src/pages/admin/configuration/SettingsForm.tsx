import { useState } from 'react';
import { ActionGroup, Button, Form, FormSection } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { configurations, type Configurations } from '../../../api/configurations';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useSubmit } from '../../../components/useSubmit';
import { ConfigField } from './ConfigField';
import { FIELDS, changesOf, formOf, ldapUnsaved, shown, type ConfigForm, type Section } from './configForm';
import { LdapPingButton } from './LdapPingButton';

interface Props {
  stored: Configurations;
  sections: Section[];
  /** After a save: the page reloads the configuration (and this form starts again from it). */
  onSaved: () => void;
  /** On any edit (the page's "saved" message goes). */
  onEdit: () => void;
}

/**
 * The keys of some sections as one form, saved with one PUT of the keys changed. The API's refusal (a value it
 * will not take, auth_mode while users exist, a key pinned in berth.yaml) is shown as it comes; nothing is applied then.
 */
export function SettingsForm({ stored, sections, onSaved, onEdit }: Props) {
  const { t } = useTranslation();
  const [form, setForm] = useState<ConfigForm>(() => formOf(stored));
  const { busy, error, run } = useSubmit({ stayOpen: true });
  const { changes, problems } = changesOf(stored, form, sections);
  const changed = Object.keys(changes).length > 0;
  const set = (key: string, value: string | boolean) => {
    onEdit();
    setForm((f) => ({ ...f, [key]: value }));
  };
  const save = () =>
    run(async () => {
      await configurations.update(changes);
      onSaved();
    });
  const fieldsOf = (section: Section) =>
    FIELDS.filter((f) => f.section === section && shown(f, stored)).map((f) => (
      <ConfigField key={f.key} field={f} stored={stored} form={form} problem={problems[f.key]} onChange={set} />
    ));
  // LDAP's settings matter only in ldap_auth, as in Harbor's page
  const showLdap = sections.includes('ldap') && form.auth_mode === 'ldap_auth';
  return (
    <>
      <ErrorAlert error={error} title={t('configAuth.refused')} />
      <Form
        onSubmit={(e) => {
          e.preventDefault();
          if (changed && Object.keys(problems).length === 0) {
            void save();
          }
        }}
        maxWidth="48rem"
      >
        {sections.filter((s) => s !== 'ldap').map((s) => (
          <FormSection key={s}>{fieldsOf(s)}</FormSection>
        ))}
        {showLdap && (
          <FormSection title={t('configAuth.ldap')} titleElement="h2">
            {fieldsOf('ldap')}
            <LdapPingButton unsaved={ldapUnsaved(changes)} />
          </FormSection>
        )}
        <ActionGroup>
          <Button type="submit" isDisabled={busy || !changed || Object.keys(problems).length > 0} isLoading={busy}>
            {t('configAuth.save')}
          </Button>
          <Button variant="link" isDisabled={busy || !changed} onClick={() => setForm(formOf(stored))}>
            {t('configAuth.undo')}
          </Button>
        </ActionGroup>
      </Form>
    </>
  );
}
