// Placeholder replaced by the foundation work: creates and migrates the test database.
export default async function globalSetup(): Promise<void> {}
