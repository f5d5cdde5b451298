import { ApplicationsReadModel } from './applications.read-model';
import { DelegationsReadModel } from './delegations.read-model';
import { NoticesReadModel } from './notices.read-model';
import { NotificationsReadModel } from './notifications.read-model';
import { TasksReadModel } from './tasks.read-model';

/** The read-model query classes, provided by the API module: controllers ask them, never SQL of their own. */
export const READ_MODELS = [ApplicationsReadModel, TasksReadModel, NoticesReadModel, DelegationsReadModel, NotificationsReadModel];
