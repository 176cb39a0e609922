public enum Notebook {}
