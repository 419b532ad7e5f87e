using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace LeadRecs.Client.Api.Security;

/// <summary>
/// The usable keys, kept as SHA-256 digests. A presented key is hashed and compared with every digest by
/// <see cref="CryptographicOperations.FixedTimeEquals"/>, without stopping at a match, so neither the key's length
/// nor where it differs nor which key matched shows in the time taken.
/// </summary>
public sealed class ApiKeyRing
{
    private readonly byte[]? _admin;
    private readonly (string Name, byte[] Digest)[] _clients;

    public ApiKeyRing(IOptions<ApiKeyOptions> options, ILogger<ApiKeyRing> logger)
    {
        var o = options.Value;
        if (ApiKeyOptions.Weakness(o.AdminKey) is { } weakness)
        {
            logger.LogWarning("Admin endpoints are closed: LeadRecs:Admin:ApiKey {Weakness}", weakness);
        }
        else
        {
            _admin = Digest(o.AdminKey!);
        }
        var clients = new List<(string, byte[])>();
        foreach (var (name, key) in o.ClientKeys)
        {
            if (ApiKeyOptions.Weakness(key) is { } clientWeakness)
            {
                logger.LogWarning("Client key {Client} is ignored: it {Weakness}", name, clientWeakness);
                continue;
            }
            if (!ApiKeyOptions.IsClientName(name))
            {
                logger.LogWarning("Client key {Client} is ignored: a client name is 1-64 letters, digits, '-' or '_', and not 'admin'", name);
                continue;
            }
            clients.Add((name, Digest(key)));
        }
        _clients = clients.ToArray();
        RequireClientKey = o.RequireClientKey;
    }

    public bool RequireClientKey { get; }

    /// <summary>Who the key belongs to: the admin, a client (by name), or null for no known key.</summary>
    public (string Name, bool IsAdmin)? Identify(string presented)
    {
        var digest = Digest(presented);
        (string, bool)? match = null;
        if (_admin is not null && CryptographicOperations.FixedTimeEquals(digest, _admin))
        {
            match = (ApiPrincipal.AdminName, true);
        }
        foreach (var (name, client) in _clients)
        {
            if (CryptographicOperations.FixedTimeEquals(digest, client) && match is null)
            {
                match = (name, false);
            }
        }
        return match;
    }

    private static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
