import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Telegram chats that asked for announcements, kept in a JSON file written whole and renamed into place. */
export function createSubscriptions(path: string) {
  const chats = new Set<number>(existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as number[]) : []);
  const save = () => {
    mkdirSync(dirname(path), { recursive: true });
    const tmp = `${path}.tmp`;
    writeFileSync(tmp, JSON.stringify([...chats]));
    renameSync(tmp, path);
  };
  return {
    add(chatId: number): boolean {
      if (chats.has(chatId)) return false;
      chats.add(chatId);
      save();
      return true;
    },
    remove(chatId: number): boolean {
      if (!chats.delete(chatId)) return false;
      save();
      return true;
    },
    list: (): number[] => [...chats],
  };
}

export type Subscriptions = ReturnType<typeof createSubscriptions>;
