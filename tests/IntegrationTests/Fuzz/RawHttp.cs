using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Orleans.Licensing.IntegrationTests.Fuzz;

/// <summary>Sends bytes as they are over a bare TCP connection, closes its sending half, and reads the status code.</summary>
internal static class RawHttp
{
    /// <returns>The status code of the answer, or null when the server closed the connection without one.</returns>
    public static async Task<int?> Send(Uri server, byte[] request, TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port, cancellation.Token);
        var stream = client.GetStream();
        try
        {
            await stream.WriteAsync(request, cancellation.Token);
            client.Client.Shutdown(SocketShutdown.Send);
        }
        catch (IOException)
        {
            // The server may refuse the rest of a request it has already answered (an oversized header, say).
        }

        var buffer = new byte[64];
        var read = 0;
        try
        {
            while (read < 12 && await stream.ReadAsync(buffer.AsMemory(read), cancellation.Token) is var n and > 0)
            {
                read += n;
            }
        }
        catch (IOException)
        {
        }

        var line = Encoding.ASCII.GetString(buffer, 0, read);
        return line.StartsWith("HTTP/1.", StringComparison.Ordinal) && line.Length >= 12
            ? int.Parse(line.AsSpan(9, 3), CultureInfo.InvariantCulture)
            : null;
    }
}
