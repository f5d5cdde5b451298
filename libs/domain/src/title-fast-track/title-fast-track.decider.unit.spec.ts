import { given } from '#test/support/decider-spec';
import { ApplicationEvent } from '../application/application.events';

const submitted: ApplicationEvent = {
  type: 'ApplicationSubmitted',
  data: { applicationId: '0a1b2c3d-4e5f-6789-abcd-ef0123456789', program: 'title-fast-track', town: 'wangdian', policyVersion: 1, applicant: { sub: 'u', name: '陈六', idNumber: '11010519491231002X' }, form: {}, requestHash: 'h' },
};

describe('title-fast-track decider', () => {
  it('confers the title with a certificate number made of the prefix, the year and the application id', () => {
    given(submitted, { type: 'ApplicationApproved', data: { amountFen: 0 } })
      .when({ type: 'ConferTitle', series: 'engineering', level: 'senior', certificatePrefix: 'XZ-ZC', year: 2026 })
      .then([{ type: 'TitleConferred', data: { series: 'engineering', level: 'senior', certificateNumber: 'XZ-ZC-2026-0A1B2C3D4E5F' } }]);
  });

  it('confers nothing on a closed application', () => {
    given(submitted, { type: 'ApplicationRejected', data: { reason: 'NOT_QUALIFIED', automatic: false } })
      .when({ type: 'ConferTitle', series: 'engineering', level: 'senior', certificatePrefix: 'XZ-ZC', year: 2026 })
      .thenFails('APPLICATION.CLOSED');
  });
});
