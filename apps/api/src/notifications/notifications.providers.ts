import { Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DATA_SOURCE } from '#event-store';
import { NotificationPolicies, People } from '#notifications';

/** The people directory (contact details from tokens) and the notification policy's versions, for the API. */
export const notificationsProviders: Provider[] = [
  { provide: People, inject: [DATA_SOURCE], useFactory: (ds: DataSource) => new People(ds) },
  { provide: NotificationPolicies, inject: [DATA_SOURCE], useFactory: (ds: DataSource) => new NotificationPolicies(ds) },
];
