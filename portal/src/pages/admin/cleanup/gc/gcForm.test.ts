import { describe, expect, it } from 'vitest';
import { isActive, parametersOf } from '../../../../api/gc';
import { gcParametersForm, reportSummary, workersProblem } from './gcForm';

describe('the garbage-collection schedule parameters', () => {
  it('start from the stored schedule, or the defaults', () => {
    expect(gcParametersForm(null)).toEqual({ deleteUntagged: false, workers: 1 });
    const stored = gcParametersForm({
      id: 1,
      job_kind: 'SCHEDULE',
      job_parameters: '{"delete_untagged":true,"workers":3,"dry_run":false}',
      job_status: 'Success',
      creation_time: '',
      update_time: '',
      schedule: { type: 'Custom', cron: '0 30 2 * * 6' },
    });
    expect(stored).toEqual({ deleteUntagged: true, workers: 3 });
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
    });
    expect(reportSummary(null).bytes).toBe(0);
  });
});
