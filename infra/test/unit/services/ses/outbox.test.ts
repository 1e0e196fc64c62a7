import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { Outbox, type OutboxMessage } from '../../../../src/services/ses/outbox.js';

async function outboxDir(): Promise<string> {
  return path.join(await mkdtemp(path.join(tmpdir(), 'ses-outbox-')), 'ses', 'outbox');
}

function message(messageId: string, timestamp: string, to: string[] = ['ann@example.net']): OutboxMessage {
  return {
    messageId,
    timestamp,
    from: 'noreply@example.com',
    to,
    cc: [],
    bcc: [],
    replyTo: [],
    subject: 'Hi',
    text: 'Hello',
    tags: {},
    identity: 'noreply@example.com',
    callerArn: 'arn:aws:iam::123456789012:root',
  };
}

describe('the outbox', () => {
  it('keeps each message in its own file, and finds them again when reopened', async () => {
    const dir = await outboxDir();
    const first = await Outbox.open(dir);
    await first.add(message('m1', '2026-01-01T10:00:00.000Z'));
    await first.add(message('m2', '2026-01-01T10:00:01.000Z'));

    const reopened = await Outbox.open(dir);

    expect((await readdir(dir)).sort()).toEqual(['m1.json', 'm2.json']);
    expect(reopened.list().map((kept) => kept.messageId)).toEqual(['m1', 'm2']);
    expect(reopened.get('m2')).toEqual(message('m2', '2026-01-01T10:00:01.000Z'));
  });

  it('lists messages in the order SES accepted them, whatever order their writes finished in', async () => {
    const outbox = await Outbox.open(await outboxDir());

    await outbox.add(message('late', '2026-01-01T10:00:02.000Z'));
    await outbox.add(message('early', '2026-01-01T10:00:01.000Z'));

    expect(outbox.list().map((kept) => kept.messageId)).toEqual(['early', 'late']);
  });

  it('filters by any recipient, whatever its case or display name, and by time', async () => {
    const outbox = await Outbox.open(await outboxDir());
    await outbox.add(message('old', '2026-01-01T09:00:00.000Z', ['Ann <Ann@Example.net>']));
    await outbox.add({ ...message('new', '2026-01-01T11:00:00.000Z', []), bcc: ['ann@example.net'] });
    await outbox.add(message('other', '2026-01-01T12:00:00.000Z', ['bob@example.net']));

    expect(outbox.list({ to: 'ANN@example.NET' }).map((kept) => kept.messageId)).toEqual(['old', 'new']);
    expect(
      outbox
        .list({ to: 'ann@example.net', since: new Date('2026-01-01T10:00:00Z') })
        .map((kept) => kept.messageId),
    ).toEqual(['new']);
  });

  it('empties itself, on disk too', async () => {
    const dir = await outboxDir();
    const outbox = await Outbox.open(dir);
    await outbox.add(message('m1', '2026-01-01T10:00:00.000Z'));

    expect(await outbox.clear()).toBe(1);

    expect(outbox.list()).toEqual([]);
    expect(await readdir(dir)).toEqual([]);
    expect((await Outbox.open(dir)).list()).toEqual([]);
  });

  it('skips a damaged file with a warning instead of refusing to start', async () => {
    const dir = await outboxDir();
    const outbox = await Outbox.open(dir);
    await outbox.add(message('m1', '2026-01-01T10:00:00.000Z'));
    await writeFile(path.join(dir, 'broken.json'), '{"messageId"');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});

    const reopened = await Outbox.open(dir);

    expect(reopened.list().map((kept) => kept.messageId)).toEqual(['m1']);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('broken.json'));
    warn.mockRestore();
  });
});
