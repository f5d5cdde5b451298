import { ApplicationEvent, ApplicationCommand, decide, ApplicationState, EvolvableEvent, evolve } from '#domain';

/**
 * Given/when/then for the application decider: given past events, when a command, then these events (or
 * this error code). Time is fixed; versions count from 1.
 */
export function given(...history: ApplicationEvent[]) {
  const at = (i: number) => new Date(Date.UTC(2026, 2, 2, 1, 0, i)).toISOString();
  const state = history.reduce<ApplicationState | null>(
    (s, e, i) => evolve(s, { ...e, recordedAt: at(i), version: i + 1 } as EvolvableEvent),
    null,
  );
  return {
    state: () => state!,
    when(command: ApplicationCommand) {
      const run = () => decide(command, state!);
      return {
        then(expected: ApplicationEvent[]) {
          expect(run()).toEqual(expected);
        },
        thenFails(code: string) {
          expect(run).toThrow(expect.objectContaining({ code }));
        },
      };
    },
  };
}
