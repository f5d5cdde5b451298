import { DomainError } from '../shared/domain-error';
import { CLOSED_STATUSES } from '../shared/programs';
import type { ApplicationState } from './application.state';

/** A program's facts are stored only while the application is open; a closed one refuses them. */
export function assertOpen(state: ApplicationState): void {
  if (CLOSED_STATUSES.includes(state.status)) {
    throw new DomainError('APPLICATION.CLOSED', `application is ${state.status}`, { status: state.status });
  }
}
