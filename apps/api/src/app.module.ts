import { DynamicModule, Module, OnModuleInit } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { EventStoreModule } from '#event-store';
import { TemporalModule } from '#temporal';
import { ExpertsController } from './admin/experts.controller';
import { ListExpertsController } from './admin/list-experts/list-experts.controller';
import { PolicyVersionsController } from './admin/policy-versions/policy-versions.controller';
import { registriesProviders } from './admin/registries.providers';
import { PoliciesController } from './admin/policies.controller';
import { RegistriesController } from './admin/registries.controller';
import { NoticesController } from './notices/notices.controller';
import { CalendarsController } from './calendars/calendars.controller';
import { AccessLog, RecordsAuditAccess } from './audit/access-log';
import { ApplicationAuditController } from './audit/application-audit.controller';
import { SubjectErasureController } from './admin/subject-erasure/subject-erasure.controller';
import { SubjectErasure } from './admin/subject-erasure/subject-erasure';
import { TemporalCodecController } from './audit/temporal-codec.controller';
import { CheckpointAdminController, StoreAuditController } from './audit/store-audit.controller';
import { StoreVerifyJobs } from './audit/verify-store/store-verify-jobs';
import { VerifyStoreController } from './audit/verify-store/verify-store.controller';
import { ApplicationAccess } from './applications/application-access';
import { ApplicationWorkflows } from './applications/application-workflows';
import { GetEventsController } from './applications/events/get-events.controller';
import { GetApplicationController } from './applications/get-application/get-application.controller';
import { ListApplicationsController } from './applications/list-applications/list-applications.controller';
import { SubmitApplicationController } from './applications/submit-application/submit-application.controller';
import { RequestReconsiderationController } from './applications/request-reconsideration/request-reconsideration.controller';
import { SubmitStatementController } from './applications/submit-statement/submit-statement.controller';
import { SupplementApplicationController } from './applications/supplement-application/supplement-application.controller';
import { WithdrawApplicationController } from './applications/withdraw-application/withdraw-application.controller';
import { AuthGuard } from './auth/auth.guard';
import { AuthConfigController } from './auth/auth-config/auth-config.controller';
import { DevTokenController } from './auth/dev-token/dev-token.controller';
import { TokenService } from './auth/token.service';
import { API_CONFIG, ApiConfig } from './config/api.config';
import { MetricsController } from './metrics/metrics.controller';
import { IndicatorsController } from './metrics/indicators.controller';
import { UploadController } from './documents/upload.controller';
import { ApplicationDocumentController } from './documents/application-document.controller';
import { Documents, documentStorageProvider } from './documents/documents';
import { AssessmentPolicyController } from './metrics/assessment-policy.controller';
import { AdminNotificationsController, MyNotificationsController, NotificationPolicyController } from './notifications/notifications.controller';
import { notificationsProviders } from './notifications/notifications.providers';
import { AssessmentPolicies } from './metrics/assessment-policies';
import { metricsProviders } from './metrics/metrics.providers';
import { HealthController } from './health/health.controller';
import { GetPolicyController } from './policies/get-policy.controller';
import { PolicyRepository } from './policies/policy.repository';
import { READ_MODELS } from './read-models/read-models';
import { DelegationDirectory } from './delegations/delegation-directory';
import { DelegationsController } from './delegations/delegations.controller';
import { TaskCountsController } from './tasks/task-counts/task-counts.controller';
import { ReassignTaskController } from './tasks/reassign-task/reassign-task.controller';
import { ClaimTaskController } from './tasks/claim-task/claim-task.controller';
import { CompleteTaskController } from './tasks/complete-task/complete-task.controller';
import { ListTasksController } from './tasks/list-tasks/list-tasks.controller';
import { TaskAccess } from './tasks/task-access';

@Module({})
export class AppModule implements OnModuleInit {
  constructor(private readonly policies: PolicyRepository) {}

  static forRoot(config: ApiConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [EventStoreModule, TemporalModule],
      controllers: [
        // In jwt mode the dev-token route does not exist at all (404), whatever the body.
        ...(config.authMode === 'dev' ? [DevTokenController] : []),
        AuthConfigController,
        SubmitApplicationController,
        ListApplicationsController,
        GetApplicationController,
        WithdrawApplicationController,
        SupplementApplicationController,
        RequestReconsiderationController,
        SubmitStatementController,
        GetEventsController,
        ListTasksController,
        TaskCountsController,
        ClaimTaskController,
        ReassignTaskController,
        DelegationsController,
        CompleteTaskController,
        GetPolicyController,
        RegistriesController,
        PoliciesController,
        ExpertsController,
        ListExpertsController,
        PolicyVersionsController,
        NoticesController,
        CalendarsController,
        HealthController,
        ApplicationAuditController,
        SubjectErasureController,
        TemporalCodecController,
        StoreAuditController,
        VerifyStoreController,
        CheckpointAdminController,
        MetricsController,
        IndicatorsController,
        UploadController,
        ApplicationDocumentController,
        AssessmentPolicyController,
        MyNotificationsController,
        AdminNotificationsController,
        NotificationPolicyController,
      ],
      providers: [
        { provide: API_CONFIG, useValue: config },
        { provide: APP_GUARD, useClass: AuthGuard },
        TokenService,
        PolicyRepository,
        ApplicationAccess,
        ApplicationWorkflows,
        TaskAccess,
        AccessLog,
        RecordsAuditAccess,
        StoreVerifyJobs,
        DelegationDirectory,
        AssessmentPolicies,
        SubjectErasure,
        Documents,
        documentStorageProvider,
        ...notificationsProviders,
        ...metricsProviders,
        ...registriesProviders,
        ...READ_MODELS,
      ],
    };
  }

  async onModuleInit(): Promise<void> {
    await this.policies.ensureReferencePolicies();
  }
}
