Console.WriteLine("leadrecs");
