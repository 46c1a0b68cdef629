import { useEffect, useState } from 'react';
import {
  Button,
  Card,
  CardBody,
  CardTitle,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Flex,
  FlexItem,
  Gallery,
  Label,
  PageSection,
  Skeleton,
  Title,
} from '@patternfly/react-core';
import SyncIcon from '@patternfly/react-icons/dist/esm/icons/sync-alt-icon';
import { useTranslation } from 'react-i18next';
import { system } from '../../../api/system';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { formatBytes, formatTime } from '../../../lib/format';
import { componentRows, generalRows, statisticsRows, type Row, type Value } from './systemRows';

type Loaded<T> = { state: 'loading' } | { state: 'done'; data: T } | { state: 'failed'; error: unknown };

/** One GET, again each time `round` changes. */
function useLoad<T>(load: () => Promise<T>, round: number): Loaded<T> {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  useEffect(() => {
    let cancelled = false;
    setLoaded({ state: 'loading' });
    load().then(
      (data) => !cancelled && setLoaded({ state: 'done', data }),
      (error) => !cancelled && setLoaded({ state: 'failed', error }),
    );
    return () => {
      cancelled = true;
    };
  }, [load, round]);
  return loaded;
}

/** GET /api/v2.0/systeminfo, /statistics and /health, as description lists. */
export default function SystemPage() {
  const { t } = useTranslation();
  const [round, setRound] = useState(0);
  const info = useLoad(system.info, round);
  const statistics = useLoad(system.statistics, round);
  const health = useLoad(system.health, round);

  return (
    <PageSection>
      <Flex className="pf-v6-u-mb-md" alignItems={{ default: 'alignItemsCenter' }}>
        <FlexItem>
          <Title headingLevel="h1">{t('adminSystem.title')}</Title>
        </FlexItem>
        <FlexItem align={{ default: 'alignRight' }}>
          <Button variant="secondary" icon={<SyncIcon />} onClick={() => setRound((n) => n + 1)}>
            {t('adminSystem.refresh')}
          </Button>
        </FlexItem>
      </Flex>
      <Gallery hasGutter minWidths={{ default: '100%', lg: '28rem' }}>
        <Card>
          <CardTitle component="h2">{t('adminSystem.general')}</CardTitle>
          <CardBody>
            <Rows loaded={info} rows={(d) => generalRows(d)} />
          </CardBody>
        </Card>
        <Card>
          <CardTitle component="h2">{t('adminSystem.statistics')}</CardTitle>
          <CardBody>
            <Rows loaded={statistics} rows={(d) => statisticsRows(d)} />
          </CardBody>
        </Card>
        <Card>
          <CardTitle component="h2">{t('adminSystem.health')}</CardTitle>
          <CardBody>
            {health.state === 'loading' && <Skeleton screenreaderText={t('common.loading')} />}
            {health.state === 'failed' && <ErrorAlert error={health.error} />}
            {health.state === 'done' && (
              <DescriptionList isHorizontal isCompact horizontalTermWidthModifier={{ default: '13rem' }}>
                {componentRows(health.data).map((c) => (
                  <DescriptionListGroup key={c.name}>
                    <DescriptionListTerm>{c.key ? t(c.key) : c.name}</DescriptionListTerm>
                    <DescriptionListDescription>
                      {c.healthy ? <Label color="green">{t('adminSystem.healthy')}</Label> : <Label color="red">{t('adminSystem.unhealthy')}</Label>}
                      {c.error && <div className="pf-v6-u-mt-xs berth-break">{c.error}</div>}
                    </DescriptionListDescription>
                  </DescriptionListGroup>
                ))}
              </DescriptionList>
            )}
          </CardBody>
        </Card>
      </Gallery>
    </PageSection>
  );
}

function Rows<T>({ loaded, rows }: { loaded: Loaded<T>; rows: (data: T) => Row[] }) {
  const { t } = useTranslation();
  if (loaded.state === 'loading') {
    return <Skeleton screenreaderText={t('common.loading')} />;
  }
  if (loaded.state === 'failed') {
    return <ErrorAlert error={loaded.error} />;
  }
  return (
    <DescriptionList isHorizontal isCompact horizontalTermWidthModifier={{ default: '13rem' }}>
      {rows(loaded.data).map((row) => (
        <DescriptionListGroup key={row.term}>
          <DescriptionListTerm>{t(row.term)}</DescriptionListTerm>
          <DescriptionListDescription className="berth-break">
            <Shown value={row.value} />
          </DescriptionListDescription>
        </DescriptionListGroup>
      ))}
    </DescriptionList>
  );
}

function Shown({ value }: { value: Value }) {
  const { t, i18n } = useTranslation();
  switch (value.kind) {
    case 'text':
      return <>{value.text}</>;
    case 'key':
      return <>{t(value.key)}</>;
    case 'yesNo':
      return <>{value.value ? t('adminSystem.yes') : t('adminSystem.no')}</>;
    case 'count':
      return <>{value.value.toLocaleString(i18n.language)}</>;
    case 'bytes':
      return <>{formatBytes(value.value)}</>;
    case 'time':
      return <>{formatTime(value.iso, i18n.language)}</>;
  }
}
