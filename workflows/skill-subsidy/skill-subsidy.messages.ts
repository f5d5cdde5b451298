// The skill subsidy answers the shared application messages; it adds none of its own.
export * from '../shared/application.messages';
