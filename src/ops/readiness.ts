/** Whether a part of the bot can serve now: asked at every /readyz. */
export type ReadinessCheck = () => boolean | Promise<boolean>;

export interface ReadinessStatus {
  ready: boolean;
  /** Every part by name, and whether it is ready. */
  parts: Record<string, boolean>;
  /** The parts that are not ready, in the order they were required. */
  notReady: string[];
}

/** The parts that must all be ready (knowledge loaded, every started platform connected) before traffic is sent. */
export interface Readiness {
  /**
   * Adds a part. With a check, its answer at each /readyz decides; without one, the part is not ready until
   * `set(name, true)`, and is again not ready after `set(name, false)` (a platform that lost its connection).
   */
  require(name: string, check?: ReadinessCheck): void;
  set(name: string, ready: boolean): void;
  /** Ready when every part is; with no part required yet, nothing has been checked, so not ready. */
  status(): Promise<ReadinessStatus>;
}

/** A check that has not answered by then counts as not ready: /readyz must answer a load balancer promptly. */
const CHECK_TIMEOUT_MS = 2_000;

async function ask(check: ReadinessCheck): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), CHECK_TIMEOUT_MS)));
  try {
    return (await Promise.race([Promise.resolve().then(check), late])) === true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/** `required`: the parts known from the start, so nothing reads as ready before they are. */
export function createReadiness(required: readonly string[] = []): Readiness {
  const checks = new Map<string, ReadinessCheck>();
  const flags = new Map<string, boolean>();
  const readiness: Readiness = {
    require(name, check) {
      if (check) checks.set(name, check);
      else checks.set(name, () => flags.get(name) === true);
    },
    set(name, ready) {
      if (!checks.has(name)) readiness.require(name);
      flags.set(name, ready);
    },
    async status() {
      const names = [...checks.keys()];
      const answers = await Promise.all(names.map((name) => ask(checks.get(name)!)));
      const parts = Object.fromEntries(names.map((name, i) => [name, answers[i]!]));
      const notReady = names.filter((name) => !parts[name]);
      return { ready: names.length > 0 && notReady.length === 0, parts, notReady };
    },
  };
  for (const name of required) readiness.require(name);
  return readiness;
}
