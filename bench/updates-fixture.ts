/**
 * Moderators' updates as they come: mostly sources with a few kB of text, some facts quoting the newest source,
 * a few retractions of the oldest source still in use (its facts go with it). Every one applies, as in real use.
 */
export function updateLines(n: number): string {
  const actor = { platform: 'telegram', userId: '42', displayName: 'Moderator' };
  const text = `${'The commission met in Khujand to agree the line of the border near Vorukh. '.repeat(20)}The border is about 970 km long.`;
  const lines: string[] = [];
  const live: string[] = [];
  for (let i = 0; i < n; i++) {
    const at = new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString();
    const id = `bench-${i}`;
    if (i % 10 === 9 && live.length > 1)
      lines.push(JSON.stringify({ id, kind: 'retract', payload: { targetId: live.shift() }, actor, at, reason: 'superseded' }));
    else if (i % 3 === 2 && live.length > 0)
      lines.push(
        JSON.stringify({
          id,
          kind: 'add-fact',
          payload: {
            id: `fact-${i}`,
            sourceId: live[live.length - 1],
            kind: 'figure',
            topic: 'border-length',
            value: 970,
            unit: 'km',
            quote: 'The border is about 970 km long.',
            text: { en: 'About 970 km.', ru: 'Около 970 км.' },
          },
          actor,
          at,
        }),
      );
    else {
      live.push(`source-${i}`);
      lines.push(
        JSON.stringify({
          id,
          kind: 'add-source',
          payload: { id: `source-${i}`, title: `Report ${i}`, publisher: 'Bench', published: '2025-01', url: null, text },
          actor,
          at,
        }),
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
