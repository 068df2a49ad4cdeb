{% macro create_jaro_winkler_function() -%}
    {{ return(adapter.dispatch('create_jaro_winkler_function')()) }}
{%- endmacro %}

{% macro default__create_jaro_winkler_function() -%}
    {#- Engines with a built-in Jaro-Winkler need nothing (an empty hook). -#}
{%- endmacro %}

{% macro postgres__create_jaro_winkler_function() -%}
    {#- Jaro-Winkler as DuckDB computes it, in PL/pgSQL (no superuser needed): characters
        match within max(len) / 2 - 1 positions, half the out-of-order matches count as
        transpositions, and a common prefix of up to four characters adds 0.1 per character
        of the remaining distance when the Jaro similarity is above 0.7. Empty strings are
        0. Run from on-run-start, so unit tests can use it before any model is built. -#}
    create schema if not exists {{ target.schema }};
    create or replace function {{ target.schema }}.cdp_jaro_winkler(left_text text, right_text text)
    returns double precision
    language plpgsql immutable strict parallel safe
    as $function$
    declare
        left_length integer := char_length(left_text);
        right_length integer := char_length(right_text);
        search_range integer;
        left_matched boolean[];
        right_matched boolean[];
        matches integer := 0;
        transpositions integer := 0;
        prefix integer := 0;
        cursor_position integer := 1;
        jaro double precision;
    begin
        if left_length = 0 or right_length = 0 then
            return 0.0;
        end if;
        if left_text = right_text then
            return 1.0;
        end if;
        search_range := greatest(greatest(left_length, right_length) / 2 - 1, 0);
        left_matched := array_fill(false, array[left_length]);
        right_matched := array_fill(false, array[right_length]);
        for i in 1..left_length loop
            for j in greatest(1, i - search_range)..least(right_length, i + search_range) loop
                if not right_matched[j] and substr(left_text, i, 1) = substr(right_text, j, 1) then
                    left_matched[i] := true;
                    right_matched[j] := true;
                    matches := matches + 1;
                    exit;
                end if;
            end loop;
        end loop;
        if matches = 0 then
            return 0.0;
        end if;
        for i in 1..left_length loop
            if left_matched[i] then
                while not right_matched[cursor_position] loop
                    cursor_position := cursor_position + 1;
                end loop;
                if substr(left_text, i, 1) <> substr(right_text, cursor_position, 1) then
                    transpositions := transpositions + 1;
                end if;
                cursor_position := cursor_position + 1;
            end if;
        end loop;
        jaro := (
            matches::double precision / left_length
            + matches::double precision / right_length
            + (matches - transpositions / 2)::double precision / matches
        ) / 3.0;
        if jaro <= 0.7 then
            return jaro;
        end if;
        while prefix < least(4, left_length, right_length)
            and substr(left_text, prefix + 1, 1) = substr(right_text, prefix + 1, 1) loop
            prefix := prefix + 1;
        end loop;
        return jaro + prefix * 0.1 * (1.0 - jaro);
    end;
    $function$
{%- endmacro %}
