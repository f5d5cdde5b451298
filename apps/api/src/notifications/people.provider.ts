import { Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DATA_SOURCE } from '#event-store';
import { People } from '#notifications';

export const peopleProvider: Provider = { provide: People, inject: [DATA_SOURCE], useFactory: (ds: DataSource) => new People(ds) };
