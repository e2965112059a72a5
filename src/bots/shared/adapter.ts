/** What every platform adapter offers the entry point: started once, stopped on SIGINT/SIGTERM. */
export interface Adapter {
  readonly platform: 'terminal' | 'discord' | 'telegram';
  start(): Promise<void>;
  stop(): Promise<void>;
}
