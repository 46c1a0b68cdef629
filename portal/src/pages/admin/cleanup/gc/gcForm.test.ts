import { describe, expect, it } from 'vitest';
import { isActive, parametersOf } from '../../../../api/gc';
import { gcParametersForm, reportSummary, runParameters, sweepWarning, timeWindowProblem, workersProblem } from './gcForm';

describe('the garbage-collection schedule parameters', () => {
  it('start from the stored schedule, or the defaults', () => {
    expect(gcParametersForm(null)).toEqual({ deleteUntagged: false, workers: 1, sweepOrphans: false });
    const stored = gcParametersForm({
      id: 1,
      job_kind: 'SCHEDULE',
      job_parameters: '{"delete_untagged":true,"workers":3,"dry_run":false}',
      job_status: 'Success',
      creation_time: '',
      update_time: '',
      schedule: { type: 'Custom', cron: '0 30 2 * * 6' },
    });
    expect(stored).toEqual({ deleteUntagged: true, workers: 3, sweepOrphans: false });
  });

  it('want 1 to 5 workers', () => {
    expect(workersProblem(1)).toBeNull();
    expect(workersProblem(5)).toBeNull();
    expect(workersProblem(6)).toBe('adminGc.workersRange');
    expect(workersProblem(0)).toBe('adminGc.workersRange');
    expect(workersProblem(1.5)).toBe('adminGc.workersRange');
  });
});

describe('a run', () => {
  it('reads its parameters, and says whether it still runs', () => {
    expect(parametersOf({ job_parameters: '{"delete_untagged":true,"workers":2,"dry_run":true,"time_window":0}' })).toEqual({
      delete_untagged: true,
      workers: 2,
      dry_run: true,
      time_window: 0,
      sweep_orphans: false,
    });
    expect(parametersOf({ job_parameters: 'not json' }).workers).toBe(1);
    expect(isActive({ job_status: 'Pending' })).toBe(true);
    expect(isActive({ job_status: 'Stopped' })).toBe(false);
  });

  it('sums up its report', () => {
    expect(reportSummary({ manifests_deleted: 2, blobs_deleted: 7, bytes_freed: 4096, skipped_busy: 1, skipped_in_use: 2 })).toEqual({
      manifests: 2,
      links: 0,
      blobs: 7,
      bytes: 4096,
      skipped: 3,
      seconds: undefined,
      orphans: undefined,
      orphanBytes: undefined,
    });
    expect(reportSummary(null).bytes).toBe(0);
    const swept = reportSummary({ bytes_freed: 10, orphans_deleted: 3, orphan_bytes_freed: 6 });
    expect([swept.orphans, swept.orphanBytes]).toEqual([3, 6]);
  });
});

describe('the run-now form with the orphan sweep', () => {
  const form = { deleteUntagged: false, workers: 2, sweepOrphans: false, timeWindow: '' };

  it('sends sweep_orphans only when asked, and time_window only when typed', () => {
    expect(runParameters(form, false)).toEqual({ delete_untagged: false, workers: 2, dry_run: false });
    expect(runParameters({ ...form, sweepOrphans: true, timeWindow: ' 6 ' }, true)).toEqual({
      delete_untagged: false,
      workers: 2,
      dry_run: true,
      sweep_orphans: true,
      time_window: 6,
    });
    expect(parametersOf({ job_parameters: '{"sweep_orphans":true,"time_window":2}' }).sweep_orphans).toBe(true);
  });

  it('wants whole hours from 0 in the time window, and warns (without blocking) of a sweep under an hour', () => {
    expect(timeWindowProblem('')).toBeNull();
    expect(timeWindowProblem('0')).toBeNull();
    expect(timeWindowProblem('1.5')).toBe('adminGc.timeWindowInvalid');
    expect(timeWindowProblem('-1')).toBe('adminGc.timeWindowInvalid');
    expect(sweepWarning({ sweepOrphans: true, timeWindow: '0' })).toBe('adminGc.sweepNeedsWindow');
    expect(sweepWarning({ sweepOrphans: true, timeWindow: '1' })).toBeNull();
    expect(sweepWarning({ sweepOrphans: true, timeWindow: '' })).toBeNull();
    expect(sweepWarning({ sweepOrphans: false, timeWindow: '0' })).toBeNull();
  });
});
