import { CreateAuditEvents1795860000000 } from './1795860000000-CreateAuditEvents';
import { CreateCourtsAndIdentity1795860100000 } from './1795860100000-CreateCourtsAndIdentity';
import { CreateCasesAndDocket1795860200000 } from './1795860200000-CreateCasesAndDocket';
import { CreateHearings1795860300000 } from './1795860300000-CreateHearings';
import { CreateFiling1795860450000 } from './1795860450000-CreateFiling';
import { CreateSpecialMeasureOrders1795860500000 } from './1795860500000-CreateSpecialMeasureOrders';
import { CreateAppRole1795900000000 } from './1795900000000-CreateAppRole';
import { AddAttendanceOrders1795900100000 } from './1795900100000-AddAttendanceOrders';
import { AddHearingLinkHistory1795900300000 } from './1795900300000-AddHearingLinkHistory';
import { LockLoginsPerNetwork1795900400000 } from './1795900400000-LockLoginsPerNetwork';
import { AddAuditPending1795900500000 } from './1795900500000-AddAuditPending';
import { CreateSchedulingModel1795900600000 } from './1795900600000-CreateSchedulingModel';
import { CreateCertifiedCopies1795900700000 } from './1795900700000-CreateCertifiedCopies';
import { AddCourtLanguage1795900800000 } from './1795900800000-AddCourtLanguage';
import { InboxForCertifiedCopies1795900900000 } from './1795900900000-InboxForCertifiedCopies';
import { AddInterpretation1796000000000 } from './1796000000000-AddInterpretation';
import { CreateRecordings1796000100000 } from './1796000100000-CreateRecordings';
import { ScheduleRunsAsJobs1796000200000 } from './1796000200000-ScheduleRunsAsJobs';
import { PublicationMailAndSummonses1796000400000 } from './1796000400000-PublicationMailAndSummonses';
import { HeardHearingNeeds1796000700000 } from './1796000700000-HeardHearingNeeds';
import { CertifiedCopyDeliveryRefused1796000800000 } from './1796000800000-CertifiedCopyDeliveryRefused';
import { HearingRooms1796000900000 } from './1796000900000-HearingRooms';
import { SeatedHelpers1796001000000 } from './1796001000000-SeatedHelpers';

/** Every migration, in order. The only way the schema changes; never edit one after it lands. */
export const MIGRATIONS = [
  CreateAuditEvents1795860000000,
  CreateCourtsAndIdentity1795860100000,
  CreateCasesAndDocket1795860200000,
  CreateHearings1795860300000,
  CreateFiling1795860450000,
  CreateSpecialMeasureOrders1795860500000,
  CreateAppRole1795900000000,
  AddAttendanceOrders1795900100000,
  AddHearingLinkHistory1795900300000,
  LockLoginsPerNetwork1795900400000,
  AddAuditPending1795900500000,
  CreateSchedulingModel1795900600000,
  CreateCertifiedCopies1795900700000,
  AddCourtLanguage1795900800000,
  InboxForCertifiedCopies1795900900000,
  AddInterpretation1796000000000,
  CreateRecordings1796000100000,
  ScheduleRunsAsJobs1796000200000,
  PublicationMailAndSummonses1796000400000,
  HeardHearingNeeds1796000700000,
  CertifiedCopyDeliveryRefused1796000800000,
  HearingRooms1796000900000,
  SeatedHelpers1796001000000,
];
