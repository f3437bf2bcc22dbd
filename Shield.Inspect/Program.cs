using System;
using Shield.Inspect;

return InspectCommand.Run(args, Console.Out, Console.Error);
