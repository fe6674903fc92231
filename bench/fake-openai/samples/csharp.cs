using System;
using System.Collections.Generic;
using System.Linq;

namespace Samples
{
    public sealed class Student
    {
        public string Name { get; }
        public List<int> Scores { get; } = new List<int>();

        public Student(string name)
        {
            Name = name;
        }

        public double Average()
        {
            return Scores.Count == 0 ? 0.0 : Scores.Average();
        }
    }

    public static class Gradebook
    {
        public static string Grade(double average)
        {
            if (average >= 90) return "A";
            if (average >= 80) return "B";
            if (average >= 70) return "C";
            return "D";
        }

        public static Dictionary<string, string> Grades(IEnumerable<Student> students)
        {
            var grades = new Dictionary<string, string>();
            foreach (var student in students)
            {
                grades[student.Name] = Grade(student.Average());
            }
            return grades;
        }

        public static void Main()
        {
            var ada = new Student("Ada");
            ada.Scores.AddRange(new[] { 95, 88, 92 });
            var bob = new Student("Bob");
            bob.Scores.AddRange(new[] { 72, 65, 80 });
            var students = new List<Student> { ada, bob };
            foreach (var pair in Grades(students).OrderBy(p => p.Key))
            {
                Console.WriteLine("{0}: {1}", pair.Key, pair.Value);
            }
        }
    }
}
