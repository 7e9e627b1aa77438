import { CreateFoundation1795897512755 } from './1795897512755-CreateFoundation';
import { CreateIdentification1795899500000 } from './1795899500000-CreateIdentification';
import { CreateInterAgency1795900800000 } from './1795900800000-CreateInterAgency';
import { AddOutboxAndNotifications1795904000000 } from './1795904000000-AddOutboxAndNotifications';
import { AddSlaAndExports1795905000000 } from './1795905000000-AddSlaAndExports';
import { AddAsyncAuditSeal1795910000000 } from './1795910000000-AddAsyncAuditSeal';
import { SpeedUpPersonSearch1795911000000 } from './1795911000000-SpeedUpPersonSearch';
import { IndexCaseListsAndStats1795912000000 } from './1795912000000-IndexCaseListsAndStats';
import { AddDailyStatistics1795913000000 } from './1795913000000-AddDailyStatistics';
import { AddUserMfa1795914000000 } from './1795914000000-AddUserMfa';
import { AddPersonAccessAndMatchRequests1795920000000 } from './1795920000000-AddPersonAccessAndMatchRequests';
import { AddAccountActivation1795921000000 } from './1795921000000-AddAccountActivation';
import { WidenConsentForm1795922000000 } from './1795922000000-WidenConsentForm';
import { EncryptFilesAndFreeText1795923000000 } from './1795923000000-EncryptFilesAndFreeText';
import { CountStatisticsInLaoTime1795924000000 } from './1795924000000-CountStatisticsInLaoTime';
import { AddScreeningPlaceCodes1795925000000 } from './1795925000000-AddScreeningPlaceCodes';
import { AddCaseRequestsAndRestriction1795930000000 } from './1795930000000-AddCaseRequestsAndRestriction';
import { AddCaseTransfers1795931000000 } from './1795931000000-AddCaseTransfers';
import { AddReferralNotesAndSlaSettings1795932000000 } from './1795932000000-AddReferralNotesAndSlaSettings';
import { AddPersonNameKeysVersion1795933000000 } from './1795933000000-AddPersonNameKeysVersion';
import { RestrictScreeningRelation1795934000000 } from './1795934000000-RestrictScreeningRelation';
import { AddSavedCaseFilters1795935300000 } from './1795935300000-AddSavedCaseFilters';
import { AddCasePlans1795936000000 } from './1795936000000-AddCasePlans';
import { AddFollowUpVisits1795937000000 } from './1795937000000-AddFollowUpVisits';
import { AddFamilyTracingAndReturns1795938000000 } from './1795938000000-AddFamilyTracingAndReturns';
import { AddNotificationItemCount1795939000000 } from './1795939000000-AddNotificationItemCount';
import { AddExportReasons1795941000000 } from './1795941000000-AddExportReasons';
import { AddCaseNextDue1795942000000 } from './1795942000000-AddCaseNextDue';

/** Every migration in order: an explicit list, because globs do not survive the webpack bundle. */
export const MIGRATIONS = [
  CreateFoundation1795897512755,
  CreateIdentification1795899500000,
  CreateInterAgency1795900800000,
  AddOutboxAndNotifications1795904000000,
  AddSlaAndExports1795905000000,
  AddAsyncAuditSeal1795910000000,
  SpeedUpPersonSearch1795911000000,
  IndexCaseListsAndStats1795912000000,
  AddDailyStatistics1795913000000,
  AddUserMfa1795914000000,
  AddPersonAccessAndMatchRequests1795920000000,
  AddAccountActivation1795921000000,
  WidenConsentForm1795922000000,
  EncryptFilesAndFreeText1795923000000,
  CountStatisticsInLaoTime1795924000000,
  AddScreeningPlaceCodes1795925000000,
  AddCaseRequestsAndRestriction1795930000000,
  AddCaseTransfers1795931000000,
  AddReferralNotesAndSlaSettings1795932000000,
  AddPersonNameKeysVersion1795933000000,
  RestrictScreeningRelation1795934000000,
  AddSavedCaseFilters1795935300000,
  AddCasePlans1795936000000,
  AddFollowUpVisits1795937000000,
  AddFamilyTracingAndReturns1795938000000,
  AddNotificationItemCount1795939000000,
  AddExportReasons1795941000000,
  AddCaseNextDue1795942000000,
];
