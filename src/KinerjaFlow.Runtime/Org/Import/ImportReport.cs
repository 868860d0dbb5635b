namespace KinerjaFlow.Runtime.Org.Import;

/// <summary>What a CSV import found and did. Nothing is written unless <see cref="Rejected"/> is empty.</summary>
public sealed record ImportReport(OrgImportKind Kind, int RowCount, int Created, int Updated, bool Applied, IReadOnlyList<ImportProblem> Rejected)
{
    public bool IsValid => Rejected.Count == 0;
}

/// <summary>A rejected row (line 1 is the header; line 0 means the file as a whole) with the reason
/// in Bahasa Indonesia and English.</summary>
public sealed record ImportProblem(int Line, string? Column, string MessageId, string MessageEn);

public enum OrgImportKind
{
    /// <summary>Units of the OPD tree: kode, nama, jenis, induk_kode.</summary>
    Units,

    /// <summary>Positions: kode, nama, jenis_jabatan, unit_kode, atasan_kode, kepala_unit.</summary>
    Positions,

    /// <summary>Employees: nip, nama, golongan, status, unit_kode, jabatan_kode, email.</summary>
    Employees,
}
