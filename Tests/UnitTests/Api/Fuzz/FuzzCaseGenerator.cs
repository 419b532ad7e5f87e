using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace LeadRecs.UnitTests.Api.Fuzz;

/// <summary>
/// Malformed and adversarial requests from a seeded generator: valid templates of every endpoint broken in at least
/// one way that must be refused (wrong types, out-of-range and non-finite numbers, hostile and exotic strings, missing,
/// unknown and repeated members, bad dates and enums), whole-body breakage (truncation, invalid UTF-8, deep nesting,
/// wrong top-level shape, oversized bodies, wrong content types), bad paths, query strings, methods and keys.
/// A batch with one broken item carries valid items too, so anything applied from a refused batch shows.
/// </summary>
public sealed class FuzzCaseGenerator(int seed, FuzzTarget target)
{
    private readonly Random _random = new(seed);
    private int _serial;

    /// <summary>Strings no id may be; each is refused by the id rule whatever field it lands in.</summary>
    private static readonly string[] HostileStrings =
    [
        "", " ", "a b", "'; DROP TABLE interactions; --", "\" OR 1=1 --", "<script>alert(1)</script>", "${jndi:ldap://x/a}",
        "../../etc/passwd", "%00", "a\u0000b", "caf\u00e9", "\u202emoc.live", "zero\u200bwidth", "\U0001F600", "\u4e2d\u6587",
        "line\nbreak", "tab\tbed", "back\\slash", "{{7*7}}", "x=1&y=2", "a/b", "a?b", "a#b", "a%2Fb", "\ufeffbom",
        new string('x', 129), new string('\u00e9', 70), "\u2013", "@@@@\u0301",
    ];

    private static readonly string[] BadTimes =
    [
        "2999-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "yesterday", "", "2026-13-45T00:00:00Z", "2026-02-30T00:00:00Z",
        "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.9999999Z", "2026-01-01T25:00:00Z", "1e10", "2026-01-01T00:00:00+99:00",
    ];

    private static readonly string[] BadDates = ["2026-02-30", "01/02/2026", "2999-01-01", "", "2026-1-1", "1969-12-31", "2026-01-01T00:00:00Z", "today"];

    private static readonly string[] RawBreakers = ["NaN", "Infinity", "-Infinity", "1e400", "-1e400", "undefined", "0x10", "01", ".5", "+1", "1.", "tru", "nul", "'single'"];

    public IEnumerable<FuzzCase> Generate(int count)
    {
        var makers = new (int Weight, Func<FuzzCase> Make)[]
        {
            (30, BrokenEventBatch),
            (18, BrokenLeadBatch),
            (10, BrokenMarketBatch),
            (8, BrokenBody),
            (10, BadUserRead),
            (4, BadLeadRead),
            (7, BadHeatmap),
            (4, AdminProbe),
            (3, WrongMethodOrPath),
            (4, ValidRead),
        };
        var total = makers.Sum(m => m.Weight);
        for (var i = 0; i < count; i++)
        {
            var pick = _random.Next(total);
            foreach (var (weight, make) in makers)
            {
                if (pick < weight)
                {
                    yield return make();
                    break;
                }
                pick -= weight;
            }
        }
        // A few oversized bodies at the end, with and without a length: 413 either way.
        for (var i = 0; i < 4; i++)
        {
            yield return Oversized(unsized: i % 2 == 1, url: i < 2 ? "/api/events" : "/api/leads");
        }
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private string Unique(string what) => $"{target.Prefix}-{what}{Interlocked.Increment(ref _serial)}";

    private string Recent() => DateTimeOffset.UtcNow.AddMinutes(-_random.Next(60, 600)).ToString("O", CultureInfo.InvariantCulture);

    // ---- valid templates --------------------------------------------------------------------------------------

    private JsonObject ValidEvent() => new()
    {
        ["userId"] = target.UserId,
        ["leadId"] = Pick(target.LeadIds),
        ["kind"] = Pick(["view", "click", "inquiry"]),
        ["at"] = Recent(),
        ["eventId"] = Unique("e"),
    };

    private JsonObject ValidLead()
    {
        var id = Unique("new");
        target.RefusedLeadIds.Add(id);
        return new JsonObject
        {
            ["id"] = id,
            ["lat"] = target.Lat + _random.NextDouble() * 0.01,
            ["lon"] = target.Lon + _random.NextDouble() * 0.01,
            ["price"] = 100_000 + _random.Next(900_000),
            ["kind"] = Pick(["house", "condo", "land"]),
            ["bedrooms"] = _random.Next(0, 6),
            ["areaSqm"] = 40 + _random.Next(200),
            ["listedAt"] = Recent(),
            ["status"] = "active",
        };
    }

    private JsonObject ValidMarket() => new()
    {
        ["lat"] = target.Lat,
        ["lon"] = target.Lon,
        ["date"] = "2026-01-0" + _random.Next(1, 9),
        ["medianPrice"] = 400_000 + _random.Next(100_000),
    };

    // ---- field breakers: each value is refused for that field -------------------------------------------------

    private JsonNode? BadValueFor(string field) => field switch
    {
        "userId" or "leadId" or "id" or "eventId" or "recommendationId" => _random.Next(6) switch
        {
            0 => JsonValue.Create(_random.Next()),
            1 => JsonValue.Create(true),
            2 => new JsonArray("a"),
            3 => new JsonObject { ["$ne"] = "" },
            _ => JsonValue.Create(Pick(HostileStrings)),
        },
        "kind" => JsonValue.Create(Pick(["purchase", "VIEW,CLICK", "view ", " view", "7", "", "castle", "Inquiry\u0000", "viewclick", "house,condo"])),
        "status" => JsonValue.Create(Pick(["sold", "active,closed", "", "1", "deleted"])),
        "lat" => Pick<JsonNode?>([JsonValue.Create(90.0001), JsonValue.Create(-91), JsonValue.Create(1e300), JsonValue.Create("47.6"), JsonValue.Create(false), new JsonArray()]),
        "lon" => Pick<JsonNode?>([JsonValue.Create(180.5), JsonValue.Create(-181), JsonValue.Create(-1e300), JsonValue.Create("-122"), new JsonObject()]),
        "price" or "medianPrice" or "pricePerSqm" => Pick<JsonNode?>([JsonValue.Create(0), JsonValue.Create(-1), JsonValue.Create(1e11), JsonValue.Create(double.MaxValue), JsonValue.Create("500000"), JsonValue.Create(true)]),
        "bedrooms" => Pick<JsonNode?>([JsonValue.Create(101), JsonValue.Create(-1), JsonValue.Create(2.5), JsonValue.Create("3"), JsonValue.Create(1e20), JsonValue.Create(long.MaxValue)]),
        "areaSqm" => Pick<JsonNode?>([JsonValue.Create(0), JsonValue.Create(-5), JsonValue.Create(1e8), JsonValue.Create("80")]),
        "inventory" => Pick<JsonNode?>([JsonValue.Create(-1), JsonValue.Create(10_000_001), JsonValue.Create(1.5), JsonValue.Create(int.MaxValue + 1L)]),
        "daysOnMarket" => Pick<JsonNode?>([JsonValue.Create(-1), JsonValue.Create(36_501), JsonValue.Create("9")]),
        "at" or "listedAt" => _random.Next(4) == 0 ? JsonValue.Create(_random.Next()) : JsonValue.Create(Pick(BadTimes)),
        "date" => _random.Next(4) == 0 ? JsonValue.Create(20260101) : JsonValue.Create(Pick(BadDates)),
        "cellId" => JsonValue.Create(Pick(["13/-1/5", "13/99999999/1", "abc", "8/1/1", "13/1/", "13//1", "14/1/1", "13/1/1/1", "", "13/1.5/2"])),
        "area" => Pick<JsonNode?>([new JsonArray(new JsonArray(0, 0), new JsonArray(1)), new JsonArray(), JsonValue.Create("polygon"),
            new JsonArray(new JsonArray(0, 0), new JsonArray(1, 1), new JsonArray(1, 0), new JsonArray(0, 1)),
            new JsonArray(Enumerable.Range(0, 1001).Select(i => (JsonNode?)new JsonArray(Math.Cos(i * 0.00628), Math.Sin(i * 0.00628))).ToArray()),
            new JsonArray(new JsonArray(-130, 30), new JsonArray(-100, 30), new JsonArray(-100, 50))]),
        _ => JsonValue.Create(Pick(HostileStrings)),
    };

    /// <summary>A template broken 1-3 ways, each of which alone must be refused (and none undoes another).</summary>
    private string Break(JsonObject item, string[] required, string[] fields)
    {
        var breaks = 1 + _random.Next(3);
        var raw = new List<string>();
        var repeated = new List<string>();
        for (var b = 0; b < breaks; b++)
        {
            switch (_random.Next(5))
            {
                case 0:
                    item.Remove(Pick(required));
                    break;
                case 1:
                    item[Pick(["isAdmin", "__proto__", "$type", "constructor", "userID ", "flags", "clientId"])] = JsonValue.Create(true);
                    break;
                case 2:
                    var field = Pick(required);
                    raw.Add($"\"{field}\":{Pick(RawBreakers)}");
                    item.Remove(field);
                    break;
                case 3:
                    repeated.Add(Pick(required));
                    break;
                default:
                    var name = Pick(fields);
                    item[name] = BadValueFor(name);
                    break;
            }
        }
        // A repeated member: refused, whichever value a parser would keep. Written last, so a removal cannot undo it.
        foreach (var name in repeated)
        {
            var value = (item[name]?.DeepClone() ?? JsonValue.Create("x"))!.ToJsonString();
            raw.Add($"\"{name}\":{value}");
            if (!item.ContainsKey(name))
            {
                raw.Add($"\"{name}\":{value}");
            }
        }
        var json = item.ToJsonString();
        return raw.Count == 0 ? json : json.Insert(1, string.Join(",", raw) + (json.Length > 2 ? "," : ""));
    }

    /// <summary>Valid items around one broken one: the batch must be refused whole.</summary>
    private byte[] Batch(Func<JsonObject> valid, string broken)
    {
        var count = _random.Next(0, 6);
        var at = _random.Next(count + 1);
        var parts = new List<string>();
        for (var i = 0; i < count; i++)
        {
            parts.Add(valid().ToJsonString());
        }
        parts.Insert(at, broken);
        return Encoding.UTF8.GetBytes("[" + string.Join(",", parts) + "]");
    }

    private FuzzCase BrokenEventBatch()
    {
        string broken;
        if (_random.Next(8) == 0)
        {
            // Well-formed but about a lead nobody upserted: refused as a whole, like any other bad field.
            var e = ValidEvent();
            e["leadId"] = Unique("unknown-lead");
            broken = e.ToJsonString();
        }
        else
        {
            broken = Break(ValidEvent(), ["userId", "leadId", "kind"], ["userId", "leadId", "kind", "at", "eventId", "recommendationId"]);
        }
        return new FuzzCase("events", HttpMethod.Post, "/api/events", Batch(ValidEvent, broken));
    }

    private FuzzCase BrokenLeadBatch() => new("leads", HttpMethod.Post, "/api/leads", Batch(ValidLead, Break(ValidLead(),
        ["id", "lat", "lon", "price", "kind"], ["id", "lat", "lon", "price", "kind", "bedrooms", "areaSqm", "listedAt", "status"])));

    private FuzzCase BrokenMarketBatch()
    {
        var item = ValidMarket();
        if (_random.Next(3) == 0)
        {
            item.Remove("lat");
            item.Remove("lon");
            item[_random.Next(2) == 0 ? "cellId" : "area"] = BadValueFor(_random.Next(2) == 0 ? "cellId" : "area");
            return new FuzzCase("market", HttpMethod.Post, "/api/market", Batch(ValidMarket, item.ToJsonString()));
        }
        return new FuzzCase("market", HttpMethod.Post, "/api/market", Batch(ValidMarket, Break(item,
            ["date", "lat"], ["date", "lat", "lon", "medianPrice", "pricePerSqm", "inventory", "daysOnMarket"])));
    }

    private FuzzCase BrokenBody()
    {
        var url = Pick(["/api/events", "/api/leads", "/api/market"]);
        var valid = url switch
        {
            "/api/events" => "[" + ValidEvent().ToJsonString() + "]",
            "/api/leads" => "[" + ValidLead().ToJsonString() + "]",
            _ => "[" + ValidMarket().ToJsonString() + "]",
        };
        switch (_random.Next(11))
        {
            case 0:
                return new FuzzCase("truncated", HttpMethod.Post, url, Encoding.UTF8.GetBytes(valid[..(1 + _random.Next(valid.Length - 2))]));
            case 1:
                var bytes = Encoding.UTF8.GetBytes(valid).ToList();
                bytes.InsertRange(1 + _random.Next(bytes.Count - 2), Pick<byte[]>([[0xC3, 0x28], [0xFF], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0x00]]));
                return new FuzzCase("invalid utf-8", HttpMethod.Post, url, bytes.ToArray());
            case 2:
                var depth = Pick([9, 10, 64, 1000, 20_000]);
                var open = _random.Next(2) == 0 ? '[' : '{';
                var nested = open == '['
                    ? new string('[', depth) + new string(']', depth)
                    : "[" + string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth) + "]";
                return new FuzzCase("deep nesting", HttpMethod.Post, url, Encoding.UTF8.GetBytes(nested));
            case 3:
                return new FuzzCase("top level", HttpMethod.Post, url, Encoding.UTF8.GetBytes(Pick(["{}", "null", "[]", "[null]", "\"[]\"", "42", "[1,2]", "[[]]", "true", " ", "[{}]"])));
            case 4:
                return new FuzzCase("syntax", HttpMethod.Post, url, Encoding.UTF8.GetBytes(Pick([valid + ",", valid.Replace("\"", "'"), "/*c*/" + valid,
                    valid.Insert(valid.Length - 1, ","), valid[..^1] + ",]", valid + valid, "[" + valid])));
            case 5:
                return new FuzzCase("content type", HttpMethod.Post, url, Encoding.UTF8.GetBytes(valid),
                    Pick<string?>([null, "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/jsonx", "json"]));
            case 6:
                var many = url == "/api/events" ? ValidEvent() : url == "/api/leads" ? ValidLead() : ValidMarket();
                var items = Enumerable.Range(0, 1001).Select(_ => many.ToJsonString());
                return new FuzzCase("too many items", HttpMethod.Post, url, Encoding.UTF8.GetBytes("[" + string.Join(",", items) + "]"));
            case 7:
                var noise = new byte[1 + _random.Next(512)];
                _random.NextBytes(noise);
                noise[0] = (byte)'!';
                return new FuzzCase("random bytes", HttpMethod.Post, url, noise);
            case 8:
                return new FuzzCase("empty body", HttpMethod.Post, url, []);
            case 9:
                // A long string in an otherwise fine item.
                var item = url == "/api/events" ? ValidEvent() : url == "/api/leads" ? ValidLead() : ValidMarket();
                item[url == "/api/events" ? "userId" : url == "/api/leads" ? "id" : "date"] = new string('A', 100_000 + _random.Next(100_000));
                return new FuzzCase("long strings", HttpMethod.Post, url, Encoding.UTF8.GetBytes("[" + item.ToJsonString() + "]"));
            default:
                var big = "[" + string.Join(",", Enumerable.Repeat(Pick(RawBreakers), 50_000)) + "]";
                return new FuzzCase("many raw tokens", HttpMethod.Post, url, Encoding.UTF8.GetBytes(big));
        }
    }

    private static string Escape(string text) => Uri.EscapeDataString(text);

    /// <summary>Strings for path segments: the in-memory test transport cannot carry a NUL in a path (Kestrel answers 400).</summary>
    private static readonly string[] HostileSegments = HostileStrings.Where(s => s.Length > 0 && !s.Contains('\0')).ToArray();

    private FuzzCase BadUserRead()
    {
        var badId = _random.Next(3) > 0;
        var id = badId ? Escape(Pick(HostileSegments)) : target.UserId;
        var k = badId && _random.Next(2) == 0
            ? "10"
            : Pick(["0", "101", "-1", "abc", "1e3", "", "99999999999999999999", "1.5", "%00", "%FF%FE", "10%00", "0x10", "١٠", "NaN"]);
        var path = _random.Next(4) == 0 ? $"/api/users/{id}" : $"/api/users/{id}/recommendations?k={k}";
        if (path.StartsWith($"/api/users/{target.UserId}", StringComparison.Ordinal) && !path.Contains('?'))
        {
            path += "/recommendations?k=0";
        }
        return new FuzzCase("user read", HttpMethod.Get, path, Body: null, ContentType: null);
    }

    private FuzzCase BadLeadRead() =>
        new("lead read", HttpMethod.Get, "/api/leads/" + Escape(Pick(HostileSegments)), Body: null, ContentType: null);

    private FuzzCase BadHeatmap()
    {
        string[] bad = ["NaN", "Infinity", "-Infinity", "1e309", "", "91", "-181", "abc", "1,5", "0x1", "%00", "1e-400e"];
        var values = new Dictionary<string, string>
        {
            ["minLat"] = (target.Lat - 0.1).ToString(CultureInfo.InvariantCulture),
            ["minLon"] = (target.Lon - 0.1).ToString(CultureInfo.InvariantCulture),
            ["maxLat"] = (target.Lat + 0.1).ToString(CultureInfo.InvariantCulture),
            ["maxLon"] = (target.Lon + 0.1).ToString(CultureInfo.InvariantCulture),
        };
        var query = _random.Next(6) switch
        {
            0 => Missing(values, Pick(values.Keys.ToArray())),
            1 => string.Join("&", values.Select(v => $"{v.Key}={v.Value}")) + "&zoom=" + Pick(["7", "14", "x", "-1", "8.5", "", "99999999999"]),
            2 => "minLat=-80&minLon=-170&maxLat=80&maxLon=170",
            3 => $"minLat={values["maxLat"]}&minLon={values["minLon"]}&maxLat={values["minLat"]}&maxLon={values["maxLon"]}",
            4 => string.Join("&", values.Select(v => $"{v.Key}={v.Value}")) + "&minLat=" + values["minLat"],
            _ => string.Join("&", values.Select(v => v.Key == "minLat" ? $"{v.Key}={Escape(Pick(bad))}" : $"{v.Key}={v.Value}")),
        };
        return new FuzzCase("heatmap", HttpMethod.Get, "/api/geo/heatmap?" + query, Body: null, ContentType: null);
    }

    private static string Missing(Dictionary<string, string> values, string left) =>
        string.Join("&", values.Where(v => v.Key != left).Select(v => $"{v.Key}={v.Value}"));

    private FuzzCase AdminProbe()
    {
        if (_random.Next(4) == 0)
        {
            return new FuzzCase("admin limit", HttpMethod.Get, "/api/admin/flagged-users?limit=" + Pick(["0", "1001", "x", "-5", "1e2", "%00"]),
                ContentType: null, ApiKey: target.AdminKey);
        }
        var key = Pick<string?>([null, "", "x", target.AdminKey + "x", target.AdminKey[..^1], target.AdminKey.ToUpperInvariant(), new string('k', 8000),
            "' OR '1'='1", "Bearer " + target.AdminKey, target.AdminKey + " ", "null"]);
        return new FuzzCase("admin key", _random.Next(3) == 0 ? HttpMethod.Post : HttpMethod.Get, "/api/admin/flagged-users", ContentType: null, ApiKey: key);
    }

    private FuzzCase WrongMethodOrPath() => _random.Next(3) switch
    {
        0 => new FuzzCase("method", Pick([HttpMethod.Put, HttpMethod.Delete, HttpMethod.Patch]), Pick(["/api/events", "/api/leads", "/api/market", $"/api/users/{target.UserId}"]),
            Encoding.UTF8.GetBytes("[]")),
        1 => new FuzzCase("method", HttpMethod.Post, Pick([$"/api/users/{target.UserId}", "/api/geo/heatmap", $"/api/leads/{target.LeadIds[0]}", "/health"]), Encoding.UTF8.GetBytes("[]")),
        _ => new FuzzCase("path", HttpMethod.Get, Pick(["/api/users/", "/api/users/a/b/c", "/api/%2e%2e/admin/flagged-users", "/api/admin/../admin/flagged-users",
            "/api//users/x", "/api/leads/" + new string('l', 3000), "/api/events/1", "/api/ADMIN/flagged-users"]), ContentType: null),
    };

    private FuzzCase ValidRead() => _random.Next(3) switch
    {
        0 => new FuzzCase("valid read", HttpMethod.Get, $"/api/users/{target.UserId}/recommendations?k={1 + _random.Next(100)}", ContentType: null, MustRefuse: false),
        1 => new FuzzCase("valid read", HttpMethod.Get, $"/api/leads/{Pick(target.LeadIds)}", ContentType: null, MustRefuse: false),
        _ => new FuzzCase("valid read", HttpMethod.Get, "/api/users/" + Unique("stranger"), ContentType: null, MustRefuse: false),
    };

    private FuzzCase Oversized(bool unsized, string url)
    {
        var item = url == "/api/events" ? ValidEvent().ToJsonString() : ValidLead().ToJsonString();
        var builder = new StringBuilder("[").Append(item);
        while (builder.Length <= 4 * 1024 * 1024)
        {
            builder.Append(',').Append(item);
        }
        return new FuzzCase("oversized", HttpMethod.Post, url, Encoding.UTF8.GetBytes(builder.Append(']').ToString()), Unsized: unsized);
    }
}
