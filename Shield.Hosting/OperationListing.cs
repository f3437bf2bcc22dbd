using System.Collections.Generic;
using System.Linq;

namespace Shield.Hosting
{
    /// <summary>How running shielded calls read in a log line.</summary>
    internal static class OperationListing
    {
        /// <summary>"A.Save x3, B.Send" rather than one entry per call.</summary>
        public static string Describe(IReadOnlyList<InFlightOperation> running) =>
            string.Join(", ", running
                .GroupBy(o => o.Operation)
                .Select(g => g.Count() == 1 ? g.Key : $"{g.Key} x{g.Count()}"));
    }
}
