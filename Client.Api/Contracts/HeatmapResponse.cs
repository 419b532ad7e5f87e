namespace LeadRecs.Client.Api.Contracts;

public sealed record HeatmapCell(string CellId, double Lat, double Lon, double Demand, int Supply, double Score);

public sealed record HeatmapResponse(int Zoom, IReadOnlyList<HeatmapCell> Cells);
