using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace ScorecardBot.IntegrationTests.Infrastructure;

/// <summary>
/// A worksheet of an XLSX file read back with the Open XML SDK, the way a spreadsheet would see it:
/// each cell's text, whether it is a number, a date-formatted number or text, and whether it holds a formula.
/// </summary>
public sealed class XlsxSheet
{
    public sealed record XlsxCell(string Text, CellValues Kind, bool IsFormula, bool IsBold, string? NumberFormat)
    {
        public decimal Number => decimal.Parse(Text, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    private readonly List<Dictionary<int, XlsxCell>> rows;

    private XlsxSheet(List<Dictionary<int, XlsxCell>> rows, string? autoFilter, int frozenRows)
    {
        this.rows = rows;
        AutoFilter = autoFilter;
        FrozenRows = frozenRows;
    }

    public string? AutoFilter { get; }

    public int FrozenRows { get; }

    public int RowCount => rows.Count;

    /// <summary>The cell at a 1-based row and column; an empty text cell where the file has none.</summary>
    public XlsxCell Cell(int row, int column) =>
        row <= rows.Count && rows[row - 1].TryGetValue(column, out var cell) ? cell : new XlsxCell(string.Empty, CellValues.String, false, false, null);

    public static XlsxSheet Read(byte[] file, string sheetName)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(file), isEditable: false);
        var workbook = document.WorkbookPart ?? throw new InvalidOperationException("The file has no workbook part.");
        var sheet = workbook.Workbook.Sheets?.Elements<Sheet>().SingleOrDefault(s => s.Name == sheetName)
            ?? throw new InvalidOperationException($"The workbook has no sheet \"{sheetName}\".");
        var part = (WorksheetPart)workbook.GetPartById(sheet.Id!.Value!);
        var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
        var formats = workbook.WorkbookStylesPart?.Stylesheet;
        var cellFormats = formats?.CellFormats?.Elements<CellFormat>().ToList() ?? [];
        var fonts = formats?.Fonts?.Elements<Font>().ToList() ?? [];
        var numberFormats = formats?.NumberingFormats?.Elements<NumberingFormat>().ToDictionary(f => f.NumberFormatId!.Value, f => f.FormatCode!.Value!) ?? [];

        var rows = new List<Dictionary<int, XlsxCell>>();
        foreach (var row in part.Worksheet.Descendants<Row>())
        {
            var index = (int)row.RowIndex!.Value;
            while (rows.Count < index)
            {
                rows.Add([]);
            }

            foreach (var cell in row.Elements<Cell>())
            {
                var kind = cell.DataType?.Value ?? CellValues.Number;
                var text = kind == CellValues.SharedString ? shared[int.Parse(cell.CellValue!.Text, CultureInfo.InvariantCulture)]
                    : kind == CellValues.InlineString ? cell.InlineString?.InnerText ?? string.Empty
                    : cell.CellValue?.Text ?? string.Empty;
                var format = cell.StyleIndex is { } style && style.Value < cellFormats.Count ? cellFormats[(int)style.Value] : null;
                var bold = format?.FontId is { } fontId && fontId.Value < fonts.Count && fonts[(int)fontId.Value].Bold is not null;
                var numberFormat = format?.NumberFormatId is { } id && numberFormats.TryGetValue(id.Value, out var code) ? code : null;
                rows[index - 1][ColumnOf(cell.CellReference!.Value!)] = new XlsxCell(text, kind, cell.CellFormula is not null, bold, numberFormat);
            }
        }

        var pane = part.Worksheet.Descendants<Pane>().FirstOrDefault();
        var frozen = pane?.State?.Value == PaneStateValues.Frozen ? (int)(pane.VerticalSplit?.Value ?? 0) : 0;
        return new XlsxSheet(rows, part.Worksheet.Descendants<AutoFilter>().FirstOrDefault()?.Reference?.Value, frozen);
    }

    private static int ColumnOf(string reference)
    {
        var column = 0;
        foreach (var c in reference.TakeWhile(char.IsAsciiLetterUpper))
        {
            column = (column * 26) + (c - 'A' + 1);
        }

        return column;
    }
}
