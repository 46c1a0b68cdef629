import { useEffect, useState } from 'react';
import {
  Alert,
  Button,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  EmptyState,
  EmptyStateBody,
  Form,
  FormGroup,
  FormSelect,
  FormSelectOption,
  Label,
} from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/errors';
import { projectScanner } from '../../api/scanners';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useLoaded } from '../../components/useLoaded';
import { useSubmit } from '../../components/useSubmit';
import type { ProjectContext } from '../project/ProjectPage';

/**
 * The project's scanner (GET /projects/{p}/scanner: its choice, else the system default, with the adapter's health) and,
 * for project administrators, the choice among the enabled registrations (PUT with candidates).
 */
export default function ProjectScannerTab({ project, may }: ProjectContext) {
  const { t } = useTranslation();
  const current = useLoaded(() => projectScanner.get(project.name), [project.name]);
  const manage = may('manageScanner');
  const candidates = useLoaded(() => (manage ? projectScanner.candidates(project.name, { page: 1, pageSize: 100 }) : Promise.resolve([])), [project.name, manage]);
  const [chosen, setChosen] = useState('');
  const [saved, setSaved] = useState(false);
  const submit = useSubmit({ stayOpen: true });
  useEffect(() => setChosen(current.data?.uuid ?? ''), [current.data]);
  const none = current.error instanceof ApiError && current.error.status === 404;
  const s = current.data;
  return (
    <>
      <ErrorAlert error={none ? null : current.error} />
      {none && (
        <EmptyState titleText={t('projectScanner.none')} headingLevel="h2" variant="sm">
          <EmptyStateBody>{t('projectScanner.noneBody')}</EmptyStateBody>
        </EmptyState>
      )}
      {s && (
        <DescriptionList isCompact isHorizontal className="pf-v6-u-mb-lg" aria-label={t('projectScanner.tab')}>
          <DescriptionListGroup>
            <DescriptionListTerm>{t('adminScanners.name')}</DescriptionListTerm>
            <DescriptionListDescription>
              {s.name}{' '}
              {s.is_default && (
                <Label isCompact color="blue">
                  {t('adminScanners.default')}
                </Label>
              )}
            </DescriptionListDescription>
          </DescriptionListGroup>
          <DescriptionListGroup>
            <DescriptionListTerm>{t('projectScanner.health')}</DescriptionListTerm>
            <DescriptionListDescription>
              <Label isCompact color={s.health === 'healthy' ? 'green' : 'red'} data-testid="project-scanner-health">
                {s.health === 'healthy' ? t('projectScanner.healthy') : t('projectScanner.unhealthy')}
              </Label>
            </DescriptionListDescription>
          </DescriptionListGroup>
          {[
            ['adminScanners.adapter', s.adapter],
            ['adminScanners.vendor', s.vendor],
            ['adminScanners.version', s.version],
          ]
            .filter(([, v]) => v)
            .map(([key, value]) => (
              <DescriptionListGroup key={key}>
                <DescriptionListTerm>{t(key as string)}</DescriptionListTerm>
                <DescriptionListDescription>{value}</DescriptionListDescription>
              </DescriptionListGroup>
            ))}
        </DescriptionList>
      )}
      {manage && (candidates.data ?? []).length > 0 && (
        <Form
          onSubmit={(e) => {
            e.preventDefault();
            setSaved(false);
            void submit.run(() => projectScanner.set(project.name, chosen).then(() => undefined), () => {
              setSaved(true);
              current.reload();
            });
          }}
        >
          <ErrorAlert error={submit.error ?? candidates.error} />
          {saved && <Alert variant="success" isInline isPlain title={t('projectScanner.saved')} />}
          <FormGroup label={t('projectScanner.choose')} fieldId="project-scanner">
            <FormSelect id="project-scanner" value={chosen} onChange={(_e, v) => (setChosen(v), setSaved(false))}>
              {chosen === '' && <FormSelectOption value="" label={t('projectScanner.pick')} isDisabled />}
              {(candidates.data ?? []).map((c) => (
                <FormSelectOption key={c.uuid} value={c.uuid} label={c.is_default ? t('projectScanner.defaultOption', { name: c.name }) : c.name} />
              ))}
            </FormSelect>
          </FormGroup>
          <div>
            <Button type="submit" isDisabled={chosen === '' || chosen === s?.uuid || submit.busy} isLoading={submit.busy}>
              {t('projectScanner.save')}
            </Button>
          </div>
        </Form>
      )}
    </>
  );
}
