import { ConfigValidationError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('gives working defaults on a fresh machine', () => {
    const sut = loadConfig({});
    expect(sut.PORT).toBe(3000);
    expect(sut.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/scenario_exchange');
    expect(sut.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(sut.MEILI_URL).toBeUndefined();
  });

  it('converts numeric variables', () => {
    expect(loadConfig({ PORT: '4100' }).PORT).toBe(4100);
  });

  it('names the bad variable', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(ConfigValidationError);
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT="abc"/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ JWT_SECRET: 'short' })).toThrow(/JWT_SECRET/);
  });
});
