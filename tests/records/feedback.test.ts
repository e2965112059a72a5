import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createFeedbackStore } from '../../src/records/index.js';

describe('feedback and gaps', () => {
  it('records only question, vote and hashed user, and lists the most asked unanswered and lowest-rated first', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'feedback-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const store = createFeedbackStore(join(dir, 'feedback.jsonl'), () => new Date('2026-11-24T12:00:00Z'));
    store.unanswered('What is the weather in Osh?', 'aa');
    store.unanswered('what is the weather in osh', 'bb');
    store.unanswered('Who won in 2022?', 'cc');
    store.vote('How long is the border?', 1, 'aa');
    store.vote('What is Vorukh?', -1, 'aa');
    store.vote('What is Vorukh?', -1, 'bb');
    store.vote('How long is the border?', -1, 'cc');
    expect(store.gaps()).toEqual({
      unanswered: [
        { question: 'What is the weather in Osh?', count: 2 },
        { question: 'Who won in 2022?', count: 1 },
      ],
      lowestRated: [
        { question: 'What is Vorukh?', up: 0, down: 2 },
        { question: 'How long is the border?', up: 1, down: 1 },
      ],
    });
    const first = JSON.parse(readFileSync(join(dir, 'feedback.jsonl'), 'utf8').split('\n')[0]!);
    expect(Object.keys(first).sort()).toEqual(['at', 'question', 'type', 'user']);

    const { stdout } = await promisify(execFile)(join('node_modules', '.bin', 'tsx'), ['src/cli/knowledge.ts', 'gaps', '--data', dir], {
      encoding: 'utf8',
    });
    // Worded as the chats word it: one listing of the gaps for the CLI, Telegram and Discord.
    expect(stdout).toBe(
      'Most asked without an answer:\n2 × What is the weather in Osh?\n1 × Who won in 2022?\n\nLowest-rated answers:\n+0 −2 What is Vorukh?\n+1 −1 How long is the border?\n',
    );
  });
});
