import { XGBoostLibraryLoadError } from './errors';
import { libraryCandidates, openXGBoostLibrary, xgboostVersion } from './native-library';

describe('native library', () => {
  it('reports the loaded XGBoost version', () => {
    const version = xgboostVersion();
    expect(version.major).toBeGreaterThanOrEqual(1);
    expect(String(version)).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('tries only XGBOOST_LIBRARY_PATH when it is set', () => {
    expect(libraryCandidates({ XGBOOST_LIBRARY_PATH: '/opt/xgb/libxgboost.so' })).toEqual(['/opt/xgb/libxgboost.so']);
    expect(libraryCandidates({})).toContain('libxgboost.so.0');
  });

  it('lists every path tried and how to install when nothing loads', () => {
    const load = (): unknown => openXGBoostLibrary(['/nope/libxgboost.so', 'libdefinitely-not-xgboost.so']);
    expect(load).toThrow(XGBoostLibraryLoadError);
    try {
      load();
    } catch (err) {
      const error = err as XGBoostLibraryLoadError;
      expect(error.attempts.map((a) => a.path)).toEqual(['/nope/libxgboost.so', 'libdefinitely-not-xgboost.so']);
      expect(error.message).toContain('/nope/libxgboost.so');
      expect(error.message).toContain('apt-get install -y libxgboost0');
      expect(error.message).toContain('XGBOOST_LIBRARY_PATH');
    }
  });
});
