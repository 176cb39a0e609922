public enum Lectern {}
