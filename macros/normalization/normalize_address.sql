{% macro normalize_address(column_name) -%}
    {{ return(adapter.dispatch('normalize_address')(column_name)) }}
{%- endmacro %}

{% macro default__normalize_address(column_name) -%}
    {#- A match key for a street line: clean_display_name (placeholders are null), accents
        removed, lower case, punctuation as spaces, spaces collapsed, then common words
        unified to one abbreviation (street/str -> st, avenue/av -> ave, road -> rd,
        apartment/# -> apt, north -> n, German -strasse -> -str...). Words are replaced
        between spaces with replace(), which means the same on every engine. -#}
    {%- set abbreviations = [
        ('street', 'st'), ('str', 'st'), ('avenue', 'ave'), ('av', 'ave'), ('road', 'rd'),
        ('boulevard', 'blvd'), ('drive', 'dr'), ('lane', 'ln'), ('court', 'ct'),
        ('close', 'cl'), ('place', 'pl'), ('square', 'sq'), ('terrace', 'ter'),
        ('highway', 'hwy'), ('parkway', 'pkwy'), ('circle', 'cir'), ('crescent', 'cres'),
        ('apartment', 'apt'), ('suite', 'ste'), ('floor', 'fl'), ('building', 'bldg'),
        ('north', 'n'), ('south', 's'), ('east', 'e'), ('west', 'w'),
        ('northeast', 'ne'), ('northwest', 'nw'), ('southeast', 'se'), ('southwest', 'sw')
    ] -%}
    {%- set lowered -%}
        replace(lower({{ remove_accents(clean_display_name(column_name)) }}), '#', ' apt ')
    {%- endset -%}
    {%- set padded -%}
        {{ regex_replace("' ' || trim(" ~ regex_replace(lowered, '[^a-z0-9]+', ' ') ~ ") || ' '", 'strasse ', 'str ') }}
    {%- endset -%}
    {%- set expression = namespace(sql=padded) -%}
    {%- for long_form, short_form in abbreviations -%}
        {%- set expression.sql = "replace(" ~ expression.sql ~ ", ' " ~ long_form ~ " ', ' " ~ short_form ~ " ')" -%}
    {%- endfor -%}
    nullif(trim({{ regex_replace(expression.sql, '\\s+', ' ') }}), '')
{%- endmacro %}
