// Challenge call pages (public, applicant, organizer console), loaded by App.tsx as one chunk.
export * from './ChallengePublicPages';
export * from './ApplicantPages';
export * from './ChallengeConsolePages';
