// deep imports: the package's index imports every Victory chart, and only these are installed
import { Chart } from '@patternfly/react-charts/dist/esm/victory/components/Chart/Chart';
import { ChartAxis } from '@patternfly/react-charts/dist/esm/victory/components/ChartAxis/ChartAxis';
import { ChartBar } from '@patternfly/react-charts/dist/esm/victory/components/ChartBar/ChartBar';
import { ChartThemeColor } from '@patternfly/react-charts/dist/esm/victory/components/ChartTheme/ChartThemeColor';
import { ChartTooltip } from '@patternfly/react-charts/dist/esm/victory/components/ChartTooltip/ChartTooltip';
import { formatBytes } from '../../lib/format';

export interface StorageBar {
  project: string;
  bytes: number;
}

/** Storage used per project as horizontal bars, largest on top; the SVG carries a title and a description for screen readers. */
export default function StorageChart({ bars, title, description }: { bars: StorageBar[]; title: string; description: string }) {
  // Victory draws the first category at the bottom: reversed, the largest is on top
  const data = [...bars].reverse().map((b) => ({ x: b.project, y: b.bytes, label: `${b.project}: ${formatBytes(b.bytes)}` }));
  const longest = Math.min(24, Math.max(6, ...bars.map((b) => b.project.length)));
  // at least 1 KiB on the axis: with nothing stored the ticks would be fractions of a byte
  const top = Math.max(1024, ...bars.map((b) => b.bytes));
  return (
    <div style={{ height: `${Math.max(160, 40 * bars.length + 60)}px`, maxWidth: '900px' }}>
      <Chart
        ariaTitle={title}
        ariaDesc={description}
        domainPadding={{ x: [20, 20] }}
        height={Math.max(160, 40 * bars.length + 60)}
        width={900}
        padding={{ top: 10, bottom: 40, left: 8 * longest + 20, right: 40 }}
        themeColor={ChartThemeColor.blue}
        horizontal
        domain={{ y: [0, top] }}
      >
        <ChartAxis tickFormat={(name: string) => (name.length > 24 ? `${name.slice(0, 23)}…` : name)} />
        <ChartAxis dependentAxis showGrid tickFormat={(bytes: number) => formatBytes(Math.round(bytes))} />
        <ChartBar horizontal data={data} labelComponent={<ChartTooltip constrainToVisibleArea />} barWidth={22} />
      </Chart>
    </div>
  );
}
