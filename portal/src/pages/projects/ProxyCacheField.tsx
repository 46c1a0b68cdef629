import { FormGroup, FormSelect, FormSelectOption, Switch } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { registries } from '../../api/registries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FieldHelp } from '../../components/FieldHelp';
import { useLoaded } from '../../components/useLoaded';
import { proxyEndpoints } from './proxyCache';

interface Props {
  /** The chosen endpoint's id; null: an ordinary project. */
  registryId: number | null;
  onChange: (registryId: number | null) => void;
}

/**
 * "Proxy Cache" of the new-project dialog (system administrators: the endpoints are theirs): the toggle and the
 * registry endpoint the project pulls from, among the endpoints whose type a proxy cache can use.
 */
export function ProxyCacheField({ registryId, onChange }: Props) {
  const { t } = useTranslation();
  const loaded = useLoaded(async () => proxyEndpoints((await registries.list({ page: 1, pageSize: 100 }, '')).items), []);
  const endpoints = loaded.data ?? [];
  const on = registryId !== null;
  return (
    <>
      <FormGroup fieldId="project-proxy-cache" label={t('proxyCache.title')} role="group">
        <Switch
          id="project-proxy-cache"
          label={t('proxyCache.toggle')}
          isChecked={on}
          isDisabled={loaded.loading || endpoints.length === 0}
          onChange={(_e, checked) => onChange(checked ? endpoints[0].id : null)}
          aria-describedby="project-proxy-cache-help"
        />
        <FieldHelp id="project-proxy-cache-help" hint={!loaded.loading && endpoints.length === 0 ? 'proxyCache.noEndpoint' : 'proxyCache.hint'} />
      </FormGroup>
      <ErrorAlert error={loaded.error} />
      {on && (
        <FormGroup fieldId="project-registry" label={t('proxyCache.endpoint')} isRequired>
          <FormSelect id="project-registry" value={String(registryId)} onChange={(_e, v) => onChange(Number(v))}>
            {endpoints.map((r) => (
              <FormSelectOption key={r.id} value={String(r.id)} label={`${r.name} (${r.url})`} />
            ))}
          </FormSelect>
        </FormGroup>
      )}
    </>
  );
}
