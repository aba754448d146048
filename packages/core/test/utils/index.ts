export * from './fake-key';
export * from './peer-cases';
