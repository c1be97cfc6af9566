using Adjudication.Domain.Policy;

namespace Adjudication.Domain.Visits;

/// <summary>
/// A visit (就诊) as the treatment node registered it: one outpatient visit or one inpatient stay.
/// Times are China Standard Time.
/// </summary>
public sealed record Visit(
    string MdtrtId,
    string PsnNo,
    string InsuplcAdmdvs,
    string FixmedinsCode,
    HospitalLevel HospitalLevel,
    string TreatmentAdmdvs,
    Insutype Insutype,
    MedType MedType,
    DateTime BeginTime,
    string DiseaseCode,
    string ChronicDiseaseCode,
    DateTime? EndTime);
