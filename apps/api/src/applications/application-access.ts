import { Injectable } from '@nestjs/common';
import { Principal, hasRole } from '../auth/principal';
import { ProblemException } from '../problem/problem';
import { ApplicationRow, ApplicationsReadModel } from '../read-models/applications.read-model';

export type { ApplicationRow } from '../read-models/applications.read-model';

/**
 * Who may see an application (API.md, decided by the read model's visibility rule): everyone else gets a 404, so
 * existence never leaks; someone who may see it but not act as its applicant gets a 403.
 */
@Injectable()
export class ApplicationAccess {
  constructor(private readonly applications: ApplicationsReadModel) {}

  /** The application if the caller may see it; otherwise 404. */
  async visible(p: Principal, id: string): Promise<ApplicationRow> {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) throw ProblemException.notFound('application');
    const row = await this.applications.visible(p, id);
    if (!row) throw ProblemException.notFound('application');
    return row;
  }

  /** Visible and the caller's own; a visible application of someone else is a 403. */
  async own(p: Principal, id: string): Promise<ApplicationRow> {
    const row = await this.visible(p, id);
    if (row.applicant_sub !== p.sub || !hasRole(p, 'applicant')) {
      throw ProblemException.of(403, 'FORBIDDEN', 'only the applicant may do this');
    }
    return row;
  }
}
