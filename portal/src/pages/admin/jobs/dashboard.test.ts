import { describe, expect, it } from 'vitest';
import en from '../../../i18n/en.json';
import { allActions, duration, jobTypesOf, summarize } from './dashboard';

const queues = [
  { job_type: 'GARBAGE_COLLECTION', count: 0, latency: 0, paused: false },
  { job_type: 'REPLICATION', count: 3, latency: 75, paused: true },
];

describe('the job service dashboard', () => {
  it('sums the pending tasks and paused queues', () => {
    expect(summarize(queues)).toEqual({ queues: 2, pending: 3, paused: 1 });
    expect(summarize([])).toEqual({ queues: 0, pending: 0, paused: 0 });
  });

  it('offers pausing all while a queue runs, resuming all while one is paused', () => {
    expect(allActions(queues)).toEqual({ pause: true, resume: true });
    expect(allActions([queues[0]])).toEqual({ pause: true, resume: false });
    expect(allActions([])).toEqual({ pause: false, resume: false });
  });

  it('shows a latency in its two largest units', () => {
    expect(duration(45)).toEqual({ key: 'adminJobs.seconds', values: { s: 45 } });
    expect(duration(150)).toEqual({ key: 'adminJobs.minutesSeconds', values: { m: 2, s: 30 } });
    expect(duration(3900)).toEqual({ key: 'adminJobs.hoursMinutes', values: { h: 1, m: 5 } });
    expect(duration(-1)).toEqual({ key: 'adminJobs.seconds', values: { s: 0 } });
    const jobs = (en as unknown as { adminJobs: Record<string, string> }).adminJobs;
    for (const s of [1, 100, 10000]) {
      expect(jobs[duration(s).key.split('.')[1]]).toBeTruthy();
    }
  });

  it('splits a pool\'s job types', () => {
    expect(jobTypesOf({ job_types: 'REPLICATION, GARBAGE_COLLECTION,' })).toEqual(['REPLICATION', 'GARBAGE_COLLECTION']);
    expect(jobTypesOf({ job_types: '' })).toEqual([]);
  });
});
