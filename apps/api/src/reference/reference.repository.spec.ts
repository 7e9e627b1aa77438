import { referenceSql } from './reference.repository';

/** Each statement's text, snapshotted: a query change shows in review (decision 0018). */
describe('reference statements', () => {
  const statements = {
    provinces: referenceSql.provinces(),
    serviceTypes: referenceSql.serviceTypes(),
    indicators: referenceSql.indicators(),
    agencies: referenceSql.agencies(),
    knownProvinces: referenceSql.knownCodes('province', ['01']),
    knownServiceTypes: referenceSql.knownCodes('service_type', ['SHELTER']),
  };

  it.each(Object.entries(statements))('%s', (_name, q) => {
    expect(q.text).toMatchSnapshot();
  });
});
