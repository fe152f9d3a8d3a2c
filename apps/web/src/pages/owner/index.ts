// The scenario owner's workspace, loaded by App.tsx as one chunk.
export * from './OwnerPages';
export * from './ScenarioForm';
