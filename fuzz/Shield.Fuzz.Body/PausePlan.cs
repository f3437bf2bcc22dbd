namespace Shield.Fuzz.Body
{
    /// <summary>
    /// How the pauses of one run complete: which of them complete synchronously (the rest complete on the thread
    /// pool), and which one, if any, waits for the harness. The same plan gives every build the same schedule.
    /// </summary>
    public sealed class PausePlan
    {
        readonly ulong _synchronous;

        /// <param name="synchronous">Bit <c>n - 1</c> set: pause n completes synchronously. Pauses past 64 complete on the thread pool.</param>
        /// <param name="gateAt">The pause that waits for the harness, from 1; 0 for none.</param>
        public PausePlan(ulong synchronous, int gateAt)
        {
            _synchronous = synchronous;
            GateAt = gateAt;
        }

        public int GateAt { get; }

        public bool CompletesSynchronously(int pause) => pause <= 64 && (_synchronous >> (pause - 1) & 1) != 0;

        /// <summary>The same schedule, with pause <paramref name="pause"/> waiting for the harness.</summary>
        public PausePlan GatedAt(int pause) => new PausePlan(_synchronous, pause);
    }
}
