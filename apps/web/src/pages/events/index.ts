// Participant and organizer event pages, loaded by App.tsx as one chunk.
export * from './ParticipantEventPages';
export * from './EventConsolePages';
