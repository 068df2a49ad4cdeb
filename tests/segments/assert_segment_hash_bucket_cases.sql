{#- Literal cases for segment_hash_bucket: the first six hex digits of md5, modulo the
    bucket count (values worked out independently from the md5 digests). -#}
with

cases as (

    select fixture.* from (
        values
        ('abc', 10000, 7520),
        ('vip:c1', 10000, 3151),
        ('', 10000, 1196),
        ('holdout:42', 100, 88)
    ) as fixture (input_text, buckets, expected_bucket)

),

computed as (

    select
        input_text,
        expected_bucket,
        case buckets
            when 100 then {{ segment_hash_bucket('input_text', 100) }}
            else {{ segment_hash_bucket('input_text') }}
        end as actual_bucket
    from cases

)

select *
from computed
where actual_bucket <> expected_bucket or actual_bucket is null
