import { quietTemporalLogs } from './workflow-env';

quietTemporalLogs();
