// The public area, loaded by App.tsx as one chunk: what a visitor can open without an account (the home page is a chunk of its own).
export * from './LoginPage';
export * from './SearchPage';
export * from './DetailPages';
export * from './EventChallengePages';
