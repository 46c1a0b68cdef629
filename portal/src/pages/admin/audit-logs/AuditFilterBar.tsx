import { useEffect, useState } from 'react';
import {
  Button,
  FormHelperText,
  FormSelect,
  FormSelectOption,
  HelperText,
  HelperTextItem,
  TextInput,
  Toolbar,
  ToolbarContent,
  ToolbarGroup,
  ToolbarItem,
} from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { noFilters, OPERATIONS, RESOURCE_TYPES, RESULTS, rangeProblem, type AuditFilters } from './auditQuery';

/** The audit log's filters: typed ones applied after a pause, chosen ones at once. */
export function AuditFilterBar({ applied, onApply }: { applied: AuditFilters; onApply: (f: AuditFilters) => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(applied);
  const appliedKey = JSON.stringify(applied);
  useEffect(() => setDraft(JSON.parse(appliedKey) as AuditFilters), [appliedKey]);
  useEffect(() => {
    if (JSON.stringify(draft) === appliedKey) {
      return;
    }
    const timer = window.setTimeout(() => onApply(draft), 400);
    return () => window.clearTimeout(timer);
  }, [draft, appliedKey, onApply]);

  const set = (change: Partial<AuditFilters>) => setDraft((d) => ({ ...d, ...change }));
  const text = (field: 'username' | 'resource' | 'project', label: string) => (
    <ToolbarItem>
      <TextInput id={`audit-${field}`} value={draft[field]} onChange={(_e, v) => set({ [field]: v })} aria-label={label} placeholder={label} />
    </ToolbarItem>
  );
  const select = (field: 'operation' | 'resourceType' | 'result', label: string, any: string, values: string[], prefix: string) => (
    <ToolbarItem>
      <FormSelect id={`audit-${field}`} value={draft[field]} onChange={(_e, v) => onApply({ ...draft, [field]: v })} aria-label={label}>
        <FormSelectOption value="" label={any} />
        {values.map((v) => (
          <FormSelectOption key={v} value={v} label={t(`${prefix}.${v.replace(/ /g, '_')}`, { defaultValue: v })} />
        ))}
      </FormSelect>
    </ToolbarItem>
  );
  const problem = rangeProblem(draft);
  const filtered = appliedKey !== JSON.stringify(noFilters());

  return (
    <Toolbar>
      <ToolbarContent>
        <ToolbarGroup variant="filter-group">
          {text('username', t('adminAuditLogs.username'))}
          {select('operation', t('adminAuditLogs.operation'), t('adminAuditLogs.anyOperation'), OPERATIONS, 'adminAuditLogs.operations')}
          {text('resource', t('adminAuditLogs.resource'))}
          {select('resourceType', t('adminAuditLogs.resourceType'), t('adminAuditLogs.anyResourceType'), RESOURCE_TYPES, 'adminAuditLogs.resourceTypes')}
          {select('result', t('adminAuditLogs.result'), t('adminAuditLogs.anyResult'), RESULTS, 'adminAuditLogs.results')}
          {text('project', t('adminAuditLogs.project'))}
        </ToolbarGroup>
        <ToolbarGroup variant="filter-group">
          {(['from', 'to'] as const).map((field) => (
            <ToolbarItem key={field} alignItems="center">
              <label htmlFor={`audit-${field}`} className="pf-v6-u-mr-sm">
                {t(`adminAuditLogs.${field}`)}
              </label>
              <TextInput
                id={`audit-${field}`}
                type="date"
                value={draft[field]}
                onChange={(_e, v) => set({ [field]: v })}
                validated={problem ? 'error' : 'default'}
                aria-describedby={problem ? 'audit-range-help' : undefined}
              />
            </ToolbarItem>
          ))}
          {problem && (
            <ToolbarItem alignSelf="center">
              <FormHelperText>
                <HelperText id="audit-range-help">
                  <HelperTextItem variant="error">{t(problem)}</HelperTextItem>
                </HelperText>
              </FormHelperText>
            </ToolbarItem>
          )}
        </ToolbarGroup>
        {filtered && (
          <ToolbarItem>
            <Button variant="link" onClick={() => onApply(noFilters())}>
              {t('adminAuditLogs.clearFilters')}
            </Button>
          </ToolbarItem>
        )}
      </ToolbarContent>
    </Toolbar>
  );
}
